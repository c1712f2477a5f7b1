package dev.keel.tools.migrate.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.Launcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make migrate-up and make migrate-down killed with SIGKILL in the middle of a migration, as a deploy job is when it
 * times out: PostgreSQL notices within a second and rolls the transaction back (no statement left holding its locks
 * to the end), the history stays consistent, and the next run finishes, or names what was left and how to clear it.
 */
class KilledMigrationTest {

    private static final String PROPERTIES = "flyway.locations=classpath:db/migration\n"
            + "flyway.postgresql.transactional.lock=false\nflyway.validateMigrationNaming=true\n";

    @TempDir
    Path dir;

    private PostgresEndpoint database;

    @BeforeEach
    void migrationsWithOneThatWaits() throws IOException, SQLException {
        database = TestServices.newDatabase("keel_killed");
        Files.createDirectories(dir.resolve("migration"));
        Files.createDirectories(dir.resolve("undo"));
        Files.writeString(dir.resolve("flyway.properties"), PROPERTIES);
        pair(
                "20260101000000__big",
                "CREATE TABLE big AS SELECT g AS id FROM generate_series(1, 50000) g;\n"
                        + "CREATE TABLE hold (seconds int NOT NULL);\n",
                "DROP TABLE hold;\nDROP TABLE big;\n");
        // Sleeps while hold has a row: the test decides when the migration is slow.
        pair(
                "20260101000100__add_note",
                "ALTER TABLE big ADD COLUMN note text;\n"
                        + "SELECT pg_sleep(coalesce((SELECT max(seconds) FROM hold), 0));\n",
                "ALTER TABLE big DROP COLUMN note;\nSELECT pg_sleep(coalesce((SELECT max(seconds) FROM hold), 0));\n");
    }

    @Test
    void aKilledUpRollsBackAtOnceAndTheNextUpFinishes() throws Exception {
        assertThat(keelMigrate("up", "--to", "20260101000000").waitFor()).isZero();
        database.execute("INSERT INTO hold VALUES (600)");

        Process up = keelMigrate("up");
        await("the migration sleeps", () -> activeQuery("pg_sleep"));
        up.destroyForcibly().waitFor(); // SIGKILL

        await("PostgreSQL rolls the killed migration back", () -> !activeQuery("pg_sleep"));
        assertThat(database.queryForString(
                        "SELECT count(*) FROM flyway_schema_history WHERE version = '20260101000100'"))
                .isEqualTo("0");
        assertThat(
                        database.queryForString(
                                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'big' AND column_name = 'note'"))
                .isEqualTo("0");

        database.execute("DELETE FROM hold");
        assertThat(keelMigrate("up").waitFor()).isZero();
        assertThat(database.queryForString(
                        "SELECT count(*) FROM flyway_schema_history WHERE version = '20260101000100' AND success"))
                .isEqualTo("1");
    }

    @Test
    void aKilledDownKeepsTheMigrationAppliedAndTheNextDownFinishes() throws Exception {
        assertThat(keelMigrate("up").waitFor()).isZero();
        database.execute("INSERT INTO hold VALUES (600)");

        Process down = keelMigrate("down");
        await("the undo sleeps", () -> activeQuery("pg_sleep"));
        down.destroyForcibly().waitFor();

        await("PostgreSQL rolls the killed undo back", () -> !activeQuery("pg_sleep"));
        assertThat(database.queryForString(
                        "SELECT count(*) FROM flyway_schema_history WHERE version = '20260101000100' AND success"))
                .isEqualTo("1");
        assertThat(
                        database.queryForString(
                                "SELECT count(*) FROM information_schema.columns WHERE table_name = 'big' AND column_name = 'note'"))
                .isEqualTo("1");

        database.execute("DELETE FROM hold");
        assertThat(keelMigrate("down").waitFor()).isZero();
        assertThat(database.queryForString(
                        "SELECT count(*) FROM flyway_schema_history WHERE version = '20260101000100'"))
                .isEqualTo("0");
    }

    @Test
    void aKilledConcurrentIndexBuildIsNamedWithItsFixAndTheFixWorks() throws Exception {
        assertThat(keelMigrate("up").waitFor()).isZero();
        pair(
                "20260101000200__index_note",
                "-- keel:non-transactional\nCREATE INDEX CONCURRENTLY big_note_idx ON big (note);\n",
                "DROP INDEX big_note_idx;\n");
        // A transaction with a snapshot older than the build: CREATE INDEX CONCURRENTLY records the index, then
        // waits for it, which is where the kill finds it.
        try (Connection reader = database.connect();
                Statement statement = reader.createStatement()) {
            reader.setAutoCommit(false);
            statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            statement.execute("SELECT count(*) FROM big");

            Process up = keelMigrate("up");
            // Recorded (committed, so another session sees it), then waiting for the reader's snapshot.
            await("the index build waits", () -> activeQuery("CREATE INDEX CONCURRENTLY") && indexRecorded());
            up.destroyForcibly().waitFor();
            await("PostgreSQL stops the killed build", () -> !activeQuery("CREATE INDEX CONCURRENTLY"));
            reader.rollback();
        }
        assertThat(database.queryForString(
                        "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = 'big_note_idx'::regclass"))
                .isEqualTo("t");

        Process again = keelMigrate("up");
        String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(again.waitFor()).isEqualTo(1);
        assertThat(output)
                .contains(
                        "public.big_note_idx is INVALID",
                        "Fix: DROP INDEX CONCURRENTLY public.big_note_idx; (make db-psql), then make migrate-repair");

        database.execute("DROP INDEX CONCURRENTLY public.big_note_idx");
        assertThat(keelMigrate("repair").waitFor()).isZero();
        Process last = keelMigrate("up");
        String lastOutput = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.waitFor()).as(lastOutput).isZero();
        assertThat(database.queryForString(
                        "SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_note_idx'::regclass"))
                .isEqualTo("t");
    }

    private void pair(String name, String migration, String undo) throws IOException {
        Files.writeString(dir.resolve("migration/V" + name + ".sql"), migration);
        Files.writeString(dir.resolve("undo/U" + name + ".sql"), undo);
    }

    /** keel-migrate in a process of its own, as make runs it, output and errors together. */
    private Process keelMigrate(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // As tools/scripts/keel-migrate starts it: C1 only, no GC threads, for a short-lived command.
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-cp",
                System.getProperty("java.class.path"),
                Launcher.class.getName()));
        command.addAll(List.of(args));
        command.addAll(List.of(
                "--dir",
                dir.toString(),
                "--url",
                database.jdbcUrl(),
                "--user",
                database.username(),
                "--password",
                database.password()));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Whether a session runs a statement containing {@code text}, other than this check. */
    private boolean activeQuery(String text) {
        try {
            return !database.queryForString("SELECT count(*) FROM pg_stat_activity WHERE state = 'active'"
                            + " AND query LIKE '%" + text + "%' AND pid <> pg_backend_pid()")
                    .equals("0");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean indexRecorded() {
        try {
            return database.queryForString("SELECT to_regclass('public.big_note_idx') IS NOT NULL")
                    .equals("t");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited 30 s for: " + what).isBefore(deadline);
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
