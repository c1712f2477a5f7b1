package dev.keel.tools.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migration.MigrationException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keyset batches on a real PostgreSQL 17: each row once, resumable after a stop, a failure or an interruption. */
class BackfillRunnerTest {

    private static final int ROWS = 2503;
    private static final String COUNT = "-- keel:backfill table=item key=id batch=1000 sleep=250ms\n"
            + "UPDATE item SET counter = counter + 1 WHERE id > :after AND id <= :upto;\n";

    private static PostgresEndpoint database;

    private final List<Duration> sleeps = new ArrayList<>();
    private final SettableClock clock = new SettableClock();

    /** What a run printed and how it ended. */
    record Run(BackfillRunner.Outcome outcome, String out) {}

    @BeforeAll
    static void createTheDatabase() {
        database = TestServices.newDatabase("backfill_runner");
    }

    @BeforeEach
    void fillTheTable() throws SQLException {
        database.execute(
                "DROP TABLE IF EXISTS item, keel_backfill_progress",
                "CREATE TABLE item (id bigint PRIMARY KEY, counter int NOT NULL DEFAULT 0, note text)",
                "INSERT INTO item (id) SELECT g FROM generate_series(1, " + ROWS + ") g");
    }

    @Test
    void visitsEveryRowExactlyOnceInCeilingOfRowsOverBatchBatches() throws SQLException {
        Run run = run(COUNT, options(1000));

        assertThat(run.outcome()).isEqualTo(BackfillRunner.Outcome.FINISHED);
        assertThat(counters()).isEqualTo("1:" + ROWS);
        assertThat(progress()).isEqualTo("2503|2503|3|finished");
        assertThat(database.queryForString("SELECT obj_description('keel_backfill_progress'::regclass, 'pg_class')"))
                .isEqualTo("keel:not-domain: progress of make backfill runs");
        assertThat(run.out())
                .contains(
                        "Backfill db/backfill/count_items.sql: item by key id (bigint), 1000 keys a batch, "
                                + "250ms between batches; 2503 keys to visit",
                        "batch 1: up to key 1000, 1000 rows changed, 1000 of 2503 keys (39%)",
                        "batch 3: up to key 2503, 2503 rows changed, 2503 of 2503 keys (100%)",
                        "Finished db/backfill/count_items.sql: 3 batches, 2503 rows changed in all; this run 3 batches")
                .doesNotContain("batch 4");
    }

    @Test
    void stopsAfterMaxBatchesAndTheNextRunResumesAfterTheLastKey() throws SQLException {
        Run first = run(COUNT, new BackfillRunner.Options(1000, Duration.ZERO, 2, false));

        assertThat(first.outcome()).isEqualTo(BackfillRunner.Outcome.STOPPED);
        assertThat(first.out())
                .contains("Stopped after 2 batches (--max-batches); run it again to resume after key 2000.");
        assertThat(counters()).isEqualTo("0:503 1:2000");

        Run second = run(COUNT, options(1000));

        assertThat(second.outcome()).isEqualTo(BackfillRunner.Outcome.FINISHED);
        assertThat(second.out())
                .contains(
                        "503 keys to visit",
                        "resuming after key 2000 (batch 2, 2000 rows so far)",
                        "batch 3: up to key 2503, 2503 rows changed, 503 of 503 keys (100%)")
                .doesNotContain("batch 1:");
        assertThat(counters()).isEqualTo("1:" + ROWS);
        assertThat(progress()).isEqualTo("2503|2503|3|finished");
    }

    @Test
    void anInterruptionDuringTheSleepStopsAfterTheLastCommittedBatch() throws SQLException {
        Run interrupted = run(COUNT, options(500), duration -> {
            sleeps.add(duration);
            if (sleeps.size() == 2) {
                throw new InterruptedException();
            }
        });

        assertThat(Thread.interrupted())
                .as("the interrupt stays set for the caller")
                .isTrue();
        assertThat(interrupted.outcome()).isEqualTo(BackfillRunner.Outcome.INTERRUPTED);
        assertThat(interrupted.out()).contains("Interrupted: batch 2 (up to key 1000) is the last committed");
        assertThat(counters()).isEqualTo("0:1503 1:1000");

        assertThat(run(COUNT, options(500)).out()).contains("resuming after key 1000 (batch 2, 1000 rows so far)");
        assertThat(counters()).isEqualTo("1:" + ROWS);
        assertThat(progress()).isEqualTo("2503|2503|6|finished");
    }

    @Test
    void aFailingBatchNamesFileBatchAndKeysKeepsTheEarlierOnesAndResumesOnceFixed() throws SQLException {
        database.execute(
                "UPDATE item SET counter = 5 WHERE id = 1500",
                "ALTER TABLE item ADD CONSTRAINT item_counter_small CHECK (counter < 5) NOT VALID");

        assertThatThrownBy(() -> run(COUNT, options(1000)))
                .isInstanceOf(MigrationException.class)
                .hasMessageContainingAll(
                        "Backfill db/backfill/count_items.sql batch 2 (keys 1001 to 2000) failed",
                        "violates check constraint \"item_counter_small\"",
                        "Fix: correct the statement, or the rows it trips on, and run it again; it resumes at batch 2 "
                                + "(batch 1 stays committed).");
        assertThat(counters()).isEqualTo("0:1502 1:1000 5:1");
        assertThat(progress()).isEqualTo("1000|1000|1|running");

        database.execute("UPDATE item SET counter = 0 WHERE id = 1500");
        Run resumed = run(COUNT, options(1000));

        assertThat(resumed.out())
                .contains(
                        "resuming after key 1000 (batch 1, 1000 rows so far)",
                        "batch 2: up to key 2000, 2000 rows changed");
        assertThat(counters()).isEqualTo("1:" + ROWS);
    }

    @Test
    void aFinishedBackfillDoesNothingUntilRestarted() throws SQLException {
        run(COUNT, options(1000));

        Run again = run(COUNT, options(1000));

        assertThat(again.outcome()).isEqualTo(BackfillRunner.Outcome.ALREADY_FINISHED);
        assertThat(again.out())
                .contains(
                        "db/backfill/count_items.sql already finished at ",
                        "(3 batches, 2503 rows changed): nothing to do; --restart runs it again.");
        assertThat(counters()).isEqualTo("1:" + ROWS);

        Run restarted = run(COUNT, new BackfillRunner.Options(1000, Duration.ZERO, 0, true));

        assertThat(restarted.outcome()).isEqualTo(BackfillRunner.Outcome.FINISHED);
        assertThat(restarted.out()).doesNotContain("resuming").contains("2503 keys to visit");
        assertThat(counters()).isEqualTo("2:" + ROWS);
        assertThat(progress()).isEqualTo("2503|2503|3|finished");
    }

    @Test
    void neverSendsOffsetAndSleepsBetweenFullBatchesOnly() throws SQLException {
        List<String> sent = new ArrayList<>();
        StringWriter out = new StringWriter();
        try (Connection connection = database.connect()) {
            new BackfillRunner(recording(connection, sent), new PrintWriter(out), clock, this::sleep)
                    .run(parse(COUNT), options(1000));
        }

        assertThat(sent).isNotEmpty().noneMatch(sql -> sql.toUpperCase().contains("OFFSET"));
        assertThat(sent)
                .contains(
                        "SELECT count(*) OVER () AS keys, (first_value(k) OVER (ORDER BY k))::text AS first_key, k::text AS last_key "
                                + "FROM (SELECT id AS k FROM item ORDER BY id LIMIT ?) batch ORDER BY k DESC LIMIT 1",
                        "SELECT count(*) OVER () AS keys, (first_value(k) OVER (ORDER BY k))::text AS first_key, k::text AS last_key "
                                + "FROM (SELECT id AS k FROM item WHERE id > CAST(? AS bigint) ORDER BY id LIMIT ?) batch "
                                + "ORDER BY k DESC LIMIT 1",
                        "UPDATE item SET counter = counter + 1 WHERE id >= CAST(? AS bigint) AND id <= CAST(? AS bigint)",
                        "UPDATE item SET counter = counter + 1 WHERE id > CAST(? AS bigint) AND id <= CAST(? AS bigint)",
                        "SET LOCAL lock_timeout = '2000ms'",
                        "SET LOCAL statement_timeout = '60000ms'");
        // After batches 1 and 2; batch 3 held only 503 keys, so it was the last.
        assertThat(sleeps).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
        // The clock moves only while sleeping: 2000 rows in 250ms, 503 keys left at 8 keys a millisecond.
        assertThat(out.toString())
                .contains(
                        "batch 1: up to key 1000, 1000 rows changed, 1000 of 2503 keys (39%), - rows/s, ETA -",
                        "batch 2: up to key 2000, 2000 rows changed, 2000 of 2503 keys (79%), 8000 rows/s, ETA 62ms",
                        "batch 3: up to key 2503, 2503 rows changed, 2503 of 2503 keys (100%), 5006 rows/s, ETA 0s");
        assertThat(counters()).isEqualTo("1:" + ROWS);
    }

    @Test
    void aStringThatSaysAfterIsWrittenAsItIs() throws SQLException {
        run(
                "-- keel:backfill table=item key=id batch=700\n"
                        + "UPDATE item SET note = ':after' WHERE id > :after AND id <= :upto -- :upto\n",
                options(700));

        assertThat(database.queryForString("SELECT string_agg(DISTINCT note, ',') FROM item"))
                .isEqualTo(":after");
    }

    @Test
    void walksATextKeyInItsOwnOrder() throws SQLException {
        database.execute(
                "CREATE TABLE IF NOT EXISTS tag (label text PRIMARY KEY, seen int NOT NULL DEFAULT 0)",
                "TRUNCATE tag",
                "INSERT INTO tag (label) VALUES ('b'), ('a'), ('it''s'), ('A b'), ('10'), ('9'), ('é')");

        Run run = run(
                "-- keel:backfill table=tag key=label batch=2\n"
                        + "UPDATE tag SET seen = seen + 1 WHERE label > :after AND label <= :upto",
                options(2));

        assertThat(run.outcome()).isEqualTo(BackfillRunner.Outcome.FINISHED);
        assertThat(database.queryForString("SELECT string_agg(DISTINCT seen::text, ',') FROM tag"))
                .isEqualTo("1");
        assertThat(progress()).isEqualTo(database.queryForString("SELECT max(label) FROM tag") + "|7|4|finished");
    }

    @Test
    void refusesAKeyThatIsMissingNotUniqueOrNullable() throws SQLException {
        database.execute(
                "CREATE UNIQUE INDEX item_note_live ON item (note) WHERE counter = 0",
                "CREATE UNIQUE INDEX item_counter_note ON item (counter, note)",
                "CREATE UNIQUE INDEX item_note_lower ON item (lower(note))");
        String statement = "UPDATE item SET counter = 1 WHERE id > :after AND id <= :upto";

        assertThatThrownBy(() -> run("-- keel:backfill table=item key=counter\n" + statement, options(10)))
                .hasMessageContainingAll(
                        "db/backfill/count_items.sql line 1: key item.counter is not unique: no primary "
                                + "key or unique index has it as its only column",
                        "Fix: keyset batches need a unique, ordered key");
        assertThatThrownBy(() -> run("-- keel:backfill table=item key=note\n" + statement, options(10)))
                .hasMessageContaining("key item.note is not unique");
        assertThatThrownBy(() -> run("-- keel:backfill table=item key=missing\n" + statement, options(10)))
                .hasMessageContaining("line 1: table item has no column missing");
        assertThatThrownBy(() -> run("-- keel:backfill table=nothing key=id\n" + statement, options(10)))
                .hasMessageContaining("line 1: there is no table nothing");
        database.execute("CREATE UNIQUE INDEX item_note_key ON item (note)");
        assertThatThrownBy(() -> run("-- keel:backfill table=item key=note\n" + statement, options(10)))
                .hasMessageContaining("key item.note allows NULL, and rows with a NULL key would never be visited");
        assertThat(database.queryForString("SELECT to_regclass('keel_backfill_progress')"))
                .isNull();
        assertThat(counters()).isEqualTo("0:" + ROWS);
    }

    private Run run(String sql, BackfillRunner.Options options) throws SQLException {
        return run(sql, options, this::sleep);
    }

    private Run run(String sql, BackfillRunner.Options options, BackfillRunner.Sleeper sleeper) throws SQLException {
        StringWriter out = new StringWriter();
        try (Connection connection = database.connect()) {
            BackfillRunner.Outcome outcome =
                    new BackfillRunner(connection, new PrintWriter(out), clock, sleeper).run(parse(sql), options);
            return new Run(outcome, out.toString());
        }
    }

    private void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    private static BackfillFile parse(String sql) {
        return BackfillFile.parse(Path.of("db/backfill/count_items.sql"), sql);
    }

    private static BackfillRunner.Options options(int batch) {
        return new BackfillRunner.Options(batch, Duration.ofMillis(250), 0, false);
    }

    /** How many rows hold each counter value, as "value:rows value:rows". */
    private static String counters() throws SQLException {
        return database.queryForString("SELECT string_agg(counter || ':' || rows, ' ' ORDER BY counter) "
                + "FROM (SELECT counter, count(*) AS rows FROM item GROUP BY counter) c");
    }

    private static String progress() throws SQLException {
        return database.queryForString("SELECT concat_ws('|', last_key, rows_changed, batches, "
                + "CASE WHEN finished_at IS NULL THEN 'running' ELSE 'finished' END) FROM keel_backfill_progress");
    }

    /** The connection, noting the SQL of every statement prepared or run on it. */
    private static Connection recording(Connection connection, List<String> sent) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        sent.add((String) args[0]);
                    }
                    Object result = invoke(connection, method, args);
                    return result instanceof Statement statement
                                    && method.getName().equals("createStatement")
                            ? recording(statement, sent)
                            : result;
                });
    }

    private static Statement recording(Statement statement, List<String> sent) {
        return (Statement) Proxy.newProxyInstance(
                Statement.class.getClassLoader(), new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("execute") && args != null && args[0] instanceof String sql) {
                        sent.add(sql);
                    }
                    return invoke(statement, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A clock that moves only when told: while the runner sleeps. */
    private static final class SettableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
