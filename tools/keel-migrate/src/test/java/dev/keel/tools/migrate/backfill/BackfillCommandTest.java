package dev.keel.tools.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.KeelMigrate;
import dev.keel.tools.migrate.ProcessEnvironment;
import dev.keel.tools.migrate.flyway.ProductionGuardAccess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/** keel-migrate backfill end to end: options over the directive, the production guard, exit codes. */
@ResourceLock(ProcessEnvironment.LOCK)
class BackfillCommandTest {

    private static PostgresEndpoint database;

    @TempDir
    Path root;

    private Path file;

    /** What the command printed and how it exited. */
    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void createTheDatabase() {
        database = TestServices.newDatabase("backfill_command");
    }

    @BeforeEach
    void writeTheBackfill() throws IOException, SQLException {
        database.execute(
                "DROP TABLE IF EXISTS item, keel_backfill_progress",
                "CREATE TABLE item (id int PRIMARY KEY, counter int NOT NULL DEFAULT 0)",
                "INSERT INTO item (id) SELECT g FROM generate_series(1, 25) g");
        file = root.resolve("count_items.sql");
        Files.writeString(
                file,
                "-- keel:backfill table=item key=id batch=10 sleep=0\n"
                        + "UPDATE item SET counter = counter + 1 WHERE id > :after AND id <= :upto;\n");
    }

    @AfterEach
    void leaveProductionBehind() {
        ProductionGuardAccess.useEnvironment(System.getenv());
    }

    @Test
    void theOptionsOverrideTheDirectiveAndASecondRunResumes() throws SQLException {
        Run stopped = backfill(file.toString(), "--batch", "4", "--max-batches", "2");

        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        assertThat(stopped.out())
                .contains(
                        "item by key id (integer), 4 keys a batch, 0ms between batches; 25 keys to visit",
                        "batch 2: up to key 8, 8 rows changed",
                        "Stopped after 2 batches (--max-batches)");

        Run finished = backfill(file.toString(), "--sleep", "0");

        assertThat(finished.exitCode()).as(finished.err()).isZero();
        assertThat(finished.out())
                .contains(
                        "resuming after key 8 (batch 2, 8 rows so far)",
                        "10 keys a batch",
                        "batch 4: up to key 25, 25 rows changed",
                        "Finished ");
        assertThat(database.queryForString("SELECT string_agg(DISTINCT counter::text, ',') FROM item"))
                .isEqualTo("1");

        Run restarted = backfill(file.toString(), "--restart", "--sleep", "0");

        assertThat(restarted.out()).contains("batch 3: up to key 25, 25 rows changed");
        assertThat(database.queryForString("SELECT string_agg(DISTINCT counter::text, ',') FROM item"))
                .isEqualTo("2");
    }

    @Test
    void productionNeedsTheConfirmation() throws SQLException {
        ProductionGuardAccess.useEnvironment(Map.of("KEEL_ENV", "production"));

        Run refused = backfill(file.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .contains("Refusing 'backfill' on a production database. If you mean it, set "
                        + "CONFIRM_PRODUCTION_MIGRATION=yes.");
        assertThat(refused.out()).isEmpty();
        assertThat(database.queryForString("SELECT to_regclass('keel_backfill_progress')"))
                .isNull();

        ProductionGuardAccess.useEnvironment(Map.of("KEEL_ENV", "production", "CONFIRM_PRODUCTION_MIGRATION", "yes"));

        assertThat(backfill(file.toString()).exitCode()).isZero();
        assertThat(database.queryForString("SELECT string_agg(DISTINCT counter::text, ',') FROM item"))
                .isEqualTo("1");
    }

    @Test
    void badOptionsAndFilesAreRefusedBeforeAnyBatch() throws SQLException {
        assertThat(backfill(file.toString(), "--sleep", "1 second").err())
                .contains("keel-migrate: --sleep must be a duration such as 200ms, 1s or 0, not '1 second'.");
        assertThat(backfill(file.toString(), "--max-batches", "0").err()).contains("--max-batches must be at least 1.");
        assertThat(backfill(root.resolve("missing.sql").toString()).err())
                .contains("Cannot read the backfill file " + root.resolve("missing.sql"));
        assertThat(database.queryForString("SELECT string_agg(DISTINCT counter::text, ',') FROM item"))
                .isEqualTo("0");
    }

    private Run backfill(String... args) {
        CommandLine commandLine = KeelMigrate.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of("backfill"));
        all.addAll(List.of(args));
        all.addAll(
                List.of("--url", database.jdbcUrl(), "--user", database.username(), "--password", database.password()));
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
