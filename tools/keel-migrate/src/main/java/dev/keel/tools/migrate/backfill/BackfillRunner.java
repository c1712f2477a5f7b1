package dev.keel.tools.migrate.backfill;

import dev.keel.tools.migration.MigrationException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Runs a backfill in keyset batches: each batch takes the next keys after the last one done, runs
 * the statement on them with short lock and statement timeouts, and records its last key in the
 * same transaction, then sleeps to spare the database. A later run resumes after that key.
 */
public final class BackfillRunner {

    /** How the runner waits between batches; tests pass one that only records the pauses. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The directive's batch size and sleep, or the command line's, and when to stop early or start over. */
    public record Options(int batch, Duration sleep, long maxBatches, boolean restart) {

        /** What the file's directive says, with no batch limit and no restart. */
        public static Options of(BackfillFile backfill) {
            return new Options(
                    backfill.directive().batch(), backfill.directive().sleep(), 0, false);
        }
    }

    /** How a run ended: every key visited, nothing to do, stopped by --max-batches, or interrupted. */
    public enum Outcome {
        FINISHED,
        ALREADY_FINISHED,
        STOPPED,
        INTERRUPTED
    }

    /** The keys of the next batch: how many, the first and the last. */
    private record Bounds(long keys, String first, String last) {}

    /** A committed batch. */
    private record Batch(long keys, String last, long rowsChanged) {}

    private final Connection connection;
    private final PrintWriter out;
    private final Clock clock;
    private final Sleeper sleeper;

    public BackfillRunner(Connection connection, PrintWriter out, Clock clock, Sleeper sleeper) {
        this.connection = connection;
        this.out = out;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public Outcome run(BackfillFile backfill, Options options) {
        try {
            connection.setAutoCommit(false);
            Keyset keyset = Keyset.resolve(connection, backfill);
            BackfillProgress progress = new BackfillProgress(connection, backfill.name());
            progress.createTableIfMissing();
            BackfillProgress.State state = progress.start(options.restart());
            long total = remaining(keyset, state.lastKey());
            connection.commit();
            return run(backfill, options, keyset, progress, state, total);
        } catch (SQLException e) {
            throw new MigrationException("Backfill " + backfill.file() + " could not start: " + e.getMessage(), e);
        } finally {
            rollbackQuietly(); // a no-op after a commit; after a refusal, nothing stays open
            out.flush();
        }
    }

    private Outcome run(
            BackfillFile backfill,
            Options options,
            Keyset keyset,
            BackfillProgress progress,
            BackfillProgress.State start,
            long total) {
        if (start.finished()) {
            out.printf(
                    "%s already finished at %s (%d batches, %d rows changed): nothing to do; --restart runs it again.%n",
                    backfill.file(), start.finishedAt(), start.batches(), start.rowsChanged());
            return Outcome.ALREADY_FINISHED;
        }
        out.printf(
                "Backfill %s: %s by key %s (%s), %d keys a batch, %s between batches; %d keys to visit%n",
                backfill.file(),
                keyset.table(),
                keyset.column(),
                keyset.type(),
                options.batch(),
                format(options.sleep()),
                total);
        if (start.lastKey() != null) {
            out.printf(
                    "resuming after key %s (batch %d, %d rows so far)%n",
                    start.lastKey(), start.batches(), start.rowsChanged());
        }
        long started = clock.millis();
        BackfillProgress.State state = start;
        long visited = 0;
        long batches = 0;
        while (true) {
            if (options.maxBatches() > 0 && batches == options.maxBatches()) {
                out.printf(
                        "Stopped after %d batch%s (--max-batches); run it again to resume after key %s.%n",
                        batches, batches == 1 ? "" : "es", state.lastKey());
                return Outcome.STOPPED;
            }
            if (Thread.currentThread().isInterrupted()) {
                return interrupted(state);
            }
            Batch batch = batch(backfill, keyset, progress, state, options.batch());
            if (batch == null) {
                out.printf(
                        "Finished %s: %d batch%s, %d rows changed in all; this run %d batch%s in %s.%n",
                        backfill.file(),
                        state.batches(),
                        state.batches() == 1 ? "" : "es",
                        state.rowsChanged(),
                        batches,
                        batches == 1 ? "" : "es",
                        format(Duration.ofMillis(clock.millis() - started)));
                return Outcome.FINISHED;
            }
            batches++;
            visited += batch.keys();
            state = new BackfillProgress.State(
                    batch.last(), state.rowsChanged() + batch.rowsChanged(), state.batches() + 1, null);
            progress(state, visited, total, state.rowsChanged() - start.rowsChanged(), clock.millis() - started);
            boolean more = batch.keys() == options.batch() && batches != options.maxBatches();
            if (more && !options.sleep().isZero()) {
                try {
                    sleeper.sleep(options.sleep());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return interrupted(state);
                }
            }
        }
    }

    /**
     * One batch in one transaction: its bounds, the statement, the progress row; or, when no key
     * is left, the progress row marked finished and null.
     */
    private Batch batch(
            BackfillFile backfill, Keyset keyset, BackfillProgress progress, BackfillProgress.State state, int size) {
        boolean first = state.lastKey() == null;
        int number = state.batches() + 1;
        String range = first ? "from the first" : "after " + state.lastKey();
        boolean committed = false;
        try {
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL lock_timeout = '"
                        + backfill.directive().lockTimeout().toMillis() + "ms'");
                settings.execute("SET LOCAL statement_timeout = '"
                        + backfill.directive().statementTimeout().toMillis() + "ms'");
            }
            Bounds bounds = bounds(keyset, state.lastKey(), size);
            Batch batch = null;
            if (bounds == null) {
                progress.finish();
            } else {
                range = bounds.first() + " to " + bounds.last();
                long rows = execute(
                        backfill.statement().render(keyset.type(), first),
                        first ? bounds.first() : state.lastKey(),
                        bounds.last());
                if (!progress.advance(state.lastKey(), bounds.last(), rows)) {
                    throw new MigrationException("Backfill " + backfill.file() + " batch " + number + " (keys " + range
                            + ") was not recorded: its progress row moved under this run, and nothing of the batch "
                            + "was kept.\n  Fix: let the other run of " + backfill.name() + " finish; do not run it "
                            + "twice at once.");
                }
                batch = new Batch(bounds.keys(), bounds.last(), rows);
            }
            connection.commit();
            committed = true;
            return batch;
        } catch (SQLException e) {
            throw failure(backfill, number, range, e);
        } finally {
            if (!committed) {
                rollbackQuietly();
            }
        }
    }

    private Bounds bounds(Keyset keyset, String lastKey, int size) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(keyset.bounds(lastKey == null))) {
            int index = 1;
            if (lastKey != null) {
                query.setString(index++, lastKey);
            }
            query.setInt(index, size);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new Bounds(row.getLong(1), row.getString(2), row.getString(3)) : null;
            }
        }
    }

    private long execute(BackfillStatement.Rendered statement, String after, String upto) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(statement.sql())) {
            List<BackfillStatement.Parameter> parameters = statement.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                update.setString(i + 1, parameters.get(i) == BackfillStatement.Parameter.AFTER ? after : upto);
            }
            return update.executeLargeUpdate();
        }
    }

    private long remaining(Keyset keyset, String lastKey) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(keyset.remaining(lastKey == null))) {
            if (lastKey != null) {
                count.setString(1, lastKey);
            }
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void progress(BackfillProgress.State state, long visited, long total, long rowsThisRun, long millis) {
        long percent = total == 0 ? 100 : Math.min(100, visited * 100 / total);
        String rate = millis == 0 ? "-" : Long.toString(rowsThisRun * 1000 / millis);
        String eta = visited >= total
                ? "0s"
                : millis == 0 || visited == 0 ? "-" : format(Duration.ofMillis((total - visited) * millis / visited));
        out.printf(
                "batch %d: up to key %s, %d rows changed, %d of %d keys (%d%%), %s rows/s, ETA %s%n",
                state.batches(), state.lastKey(), state.rowsChanged(), visited, total, percent, rate, eta);
        out.flush();
    }

    private Outcome interrupted(BackfillProgress.State state) {
        out.printf(
                "Interrupted: %s; run it again to resume after it.%n",
                state.lastKey() == null
                        ? "no batch was committed"
                        : "batch " + state.batches() + " (up to key " + state.lastKey() + ") is the last committed");
        return Outcome.INTERRUPTED;
    }

    private MigrationException failure(BackfillFile backfill, int number, String range, SQLException e) {
        BackfillFile.Directive directive = backfill.directive();
        String kept =
                switch (number) {
                    case 1 -> "no batch was committed before it";
                    case 2 -> "batch 1 stays committed";
                    default -> "batches 1 to " + (number - 1) + " stay committed";
                };
        String fix =
                switch (e.getSQLState() == null ? "" : e.getSQLState()) {
                    case "55P03" ->
                        "the table was busy: a lock was not granted within lock_timeout="
                                + format(directive.lockTimeout())
                                + ". Run it again when the database is quieter, or raise lock_timeout in the directive";
                    case "57014" ->
                        "the batch ran longer than statement_timeout=" + format(directive.statementTimeout())
                                + ". Lower batch= in the directive, or pass --batch, and run it again";
                    default -> "correct the statement, or the rows it trips on, and run it again";
                };
        return new MigrationException(
                "Backfill " + backfill.file() + " batch " + number + " (keys " + range
                        + ") failed: " + e.getMessage() + "\n  Fix: " + fix + "; it resumes at batch " + number + " ("
                        + kept
                        + ").",
                e);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is gone, and its transaction with it
        }
    }

    /** 250ms, 12s, 3m 05s, 2h 10m. */
    static String format(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        if (duration.toSeconds() < 60) {
            return duration.toSeconds() + "s";
        }
        if (duration.toMinutes() < 60) {
            return String.format("%dm %02ds", duration.toMinutes(), duration.toSecondsPart());
        }
        return String.format("%dh %02dm", duration.toHours(), duration.toMinutesPart());
    }
}
