package dev.keel.tools.migrate;

import dev.keel.tools.migrate.backfill.BackfillFile;
import dev.keel.tools.migrate.backfill.BackfillRunner;
import dev.keel.tools.migrate.flyway.ProductionGuard;
import dev.keel.tools.migration.MigrationException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** keel-migrate backfill: a data change run in keyset batches on a live database, resumable. */
@Command(
        name = "backfill",
        description = {
            "Run a backfill file (a -- keel:backfill table=... key=... directive and one UPDATE or INSERT ... SELECT "
                    + "using :after and :upto) in keyset batches of the table's unique key, each batch in its own "
                    + "transaction with short lock and statement timeouts, sleeping between batches.",
            "Progress is committed with each batch in keel_backfill_progress, so running it again resumes after the "
                    + "last committed batch. In production (KEEL_ENV=production or the prod profile) it needs "
                    + "CONFIRM_PRODUCTION_MIGRATION=yes."
        })
public final class BackfillCommand extends KeelMigrate.Subcommand {

    @Parameters(
            paramLabel = "FILE",
            description = "The backfill, such as migrations/src/main/resources/db/backfill/<name>.sql.")
    Path file;

    @Option(names = "--batch", description = "Keys a batch (default: the directive's batch=, else 1000).")
    Integer batch;

    @Option(
            names = "--sleep",
            description =
                    "Pause between batches, such as 200ms, 1s or 0 (default: the directive's " + "sleep=, else 100ms).")
    String sleep;

    @Option(names = "--max-batches", description = "Stop after this many batches; running it again resumes.")
    Integer maxBatches;

    @Option(names = "--restart", description = "Start again from the first key, even when it finished.")
    boolean restart;

    Clock clock = Clock.systemUTC();

    BackfillRunner.Sleeper sleeper = Thread::sleep;

    @Override
    public Integer call() throws SQLException {
        if (batch != null && batch < 1) {
            throw new MigrationException("--batch must be at least 1.");
        }
        if (maxBatches != null && maxBatches < 1) {
            throw new MigrationException("--max-batches must be at least 1.");
        }
        Duration pause = sleep == null ? null : BackfillFile.parseDuration(sleep);
        if (sleep != null && pause == null) {
            throw new MigrationException("--sleep must be a duration such as 200ms, 1s or 0, not '" + sleep + "'.");
        }
        ProductionGuard.requireConfirmation("backfill");
        BackfillFile backfill = BackfillFile.read(file);
        BackfillRunner.Options defaults = BackfillRunner.Options.of(backfill);
        BackfillRunner.Options options = new BackfillRunner.Options(
                batch != null ? batch : defaults.batch(),
                pause != null ? pause : defaults.sleep(),
                maxBatches != null ? maxBatches : 0,
                restart);
        BackfillRunner.Outcome outcome;
        try (Connection connection = target.database().connect()) {
            outcome = stoppableByCtrlC(
                    backfill, () -> new BackfillRunner(connection, out(), clock, sleeper).run(backfill, options));
        }
        return outcome == BackfillRunner.Outcome.INTERRUPTED ? 130 : 0;
    }

    /**
     * Runs {@code run}; Ctrl-C interrupts it, and the JVM waits for it to stop after the batch in
     * flight, so the output ends with where to resume. A batch cut short would roll back anyway.
     */
    private BackfillRunner.Outcome stoppableByCtrlC(BackfillFile backfill, Supplier<BackfillRunner.Outcome> run) {
        Thread worker = Thread.currentThread();
        CountDownLatch stopped = new CountDownLatch(1);
        Duration grace = backfill.directive()
                .lockTimeout()
                .plus(backfill.directive().statementTimeout())
                .plusSeconds(5);
        Thread hook = new Thread(
                () -> {
                    worker.interrupt();
                    try {
                        stopped.await(grace.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "keel-backfill-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.get();
        } finally {
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running and now returns
            }
        }
    }
}
