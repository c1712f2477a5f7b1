package dev.keel.tools.migrate.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.migrate.MigrationTestCommand;
import dev.keel.tools.migrate.ProcessEnvironment;
import dev.keel.tools.migrate.ScratchServers;
import dev.keel.tools.migrate.flyway.ProductionGuardAccess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/** keel-migrate test end to end: a scratch database on the configured server, the report, the exit code. */
@ResourceLock(ProcessEnvironment.LOCK)
class MigrationTestCommandTest {

    @TempDir
    Path root;

    /** What the command printed and how it exited. */
    record Run(int exitCode, String out, String err) {}

    @Test
    void passesOnAScratchDatabaseOfTheConfiguredServerAndDropsIt() throws Exception {
        write("migration/V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY, n int NOT NULL);\n");
        write("undo/U20260101000000__create_t.sql", "DROP TABLE t;\n");
        write("migration/V20260101000100__add_c.sql", "ALTER TABLE t ADD COLUMN c text NOT NULL DEFAULT 'x';\n");
        write("undo/U20260101000100__add_c.sql", "ALTER TABLE t DROP COLUMN c;\n");

        Run run = test("--rows", "40");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "Migration test on scratch database keel_trace_",
                        "holds 40 generated rows",
                        "ok     V20260101000100__add_c.sql  (on 40 rows)",
                        "2 of 2 migrations passed");
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void aMigrationThatFailsOnDataExitsOne() throws Exception {
        write("migration/V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        write("undo/U20260101000000__create_t.sql", "DROP TABLE t;\n");
        write("migration/V20260101000100__add_c.sql", "ALTER TABLE t ADD COLUMN c text NOT NULL;\n");
        write("undo/U20260101000100__add_c.sql", "ALTER TABLE t DROP COLUMN c;\n");

        Run run = test("--rows", "10");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains(
                        "FAILED V20260101000100__add_c.sql  (on 10 rows)  fails on data",
                        "line 1: ALTER TABLE t ADD COLUMN c text NOT NULL",
                        "table t (10 rows): column \"c\"");
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void refusesToRunInProduction() throws Exception {
        write("migration/V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        ProductionGuardAccess.useEnvironment(Map.of("KEEL_ENV", "production"));
        Run run;
        try {
            run = test();
        } finally {
            ProductionGuardAccess.useEnvironment(System.getenv());
        }

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Refusing 'test' in production");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void rejectsFewerThanOneRow() {
        assertThat(test("--rows", "0").err()).contains("--rows must be at least 1.");
    }

    private void write(String name, String sql) throws IOException {
        Files.createDirectories(root.resolve(name).getParent());
        Files.writeString(root.resolve(name), sql);
    }

    private Run test(String... options) {
        PostgresEndpoint server = ScratchServers.admin();
        CommandLine command = new CommandLine(new MigrationTestCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of(
                "--dir",
                root.toString(),
                "--url",
                server.jdbcUrl(),
                "--user",
                server.username(),
                "--password",
                server.password()));
        args.addAll(List.of(options));
        int code = command.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
