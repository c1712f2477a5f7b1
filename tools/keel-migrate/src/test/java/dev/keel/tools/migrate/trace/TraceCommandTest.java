package dev.keel.tools.migrate.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.migrate.KeelMigrate;
import dev.keel.tools.migrate.ScratchServers;
import dev.keel.tools.migrate.TraceCommand;
import dev.keel.tools.migrate.flyway.ProductionGuardAccess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import picocli.CommandLine;

/** keel-migrate trace end to end: lint, scratch database on the configured server, replay, report, exit code. */
// Lock sampling catches short locks only with the machine to itself.
@Isolated
class TraceCommandTest {

    @TempDir
    Path root;

    /** What the command printed and how it exited. */
    record Run(int exitCode, String out, String err) {}

    @Test
    void tracesOnAScratchDatabaseOfTheConfiguredServerAndDropsIt() throws Exception {
        write("V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY, n bigint NOT NULL);\n");
        write("V20260101000100__add_c.sql", "SET LOCAL lock_timeout = '2s';\nALTER TABLE t ADD COLUMN c text;\n");

        Run run = trace("--rows", "50");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "Scratch: scratch database keel_trace_",
                        "with 50 generated rows",
                        "V20260101000100__add_c.sql  (one transaction, 2 statements",
                        "line 2    ALTER TABLE t ADD COLUMN c text",
                        "ACCESS EXCLUSIVE       t (50 rows)",
                        "0 dangers missed by the static rules");
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void theStaticCheckersFindingsConfirmWhatTheReplaySees() throws Exception {
        write("V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY, n bigint NOT NULL);\n");
        write("V20260101000100__index_t.sql", "CREATE INDEX t_n_idx ON t (n);\n");

        Run run = trace("--rows", "50");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "SHARE                  t (50 rows)",
                        "confirmed trace-write-lock by ",
                        "index-concurrently (line 1)",
                        "0 dangers missed by the static rules, 1 confirmed");
    }

    @Test
    void aFailingStatementExitsOneAndPrintsJsonForTools() throws Exception {
        write("V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        write(
                "V20260101000100__broken.sql",
                "SET LOCAL lock_timeout = '2s';\nALTER TABLE missing ADD COLUMN c text;\n");

        Run run = trace("--format", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().strip()).startsWith("[").endsWith("]").doesNotContain("Scratch:");
        assertThat(run.err())
                .contains("V20260101000100__broken.sql line 2 failed", "relation \"missing\" does not exist");
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void aTableCreatedByAnUnreleasedMigrationIsNewToTheNextOneAsTheGitTagsSay() throws Exception {
        write("V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY, n bigint NOT NULL);\n");
        git("init", "-q", "-b", "main");
        git("add", ".");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "release 1");
        git("tag", "v1");
        write(
                "V20260101000100__create_gadget.sql",
                "CREATE TABLE gadget (id bigint PRIMARY KEY, name text NOT NULL);\n");
        write("V20260101000200__index_gadget.sql", "CREATE INDEX gadget_name_idx ON gadget (name);\n");

        Run run = trace("--rows", "50");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains(
                        "releases from 1 git tag matching v*, newest v1",
                        "V20260101000200__index_gadget.sql  (one transaction, 1 statement",
                        "touched no live table",
                        "0 dangers missed by the static rules");
    }

    @Test
    void refusesToRunInProduction() throws Exception {
        write("V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        ProductionGuardAccess.useEnvironment(Map.of("KEEL_ENV", "production"));
        Run run;
        try {
            run = run(KeelMigrate.commandLine(), List.of("trace"));
        } finally {
            ProductionGuardAccess.useEnvironment(System.getenv());
        }

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains(
                        "Refusing 'trace' in production",
                        "KEEL_ENV",
                        "creates, fills and drops a scratch database on the configured server");
        assertThat(run.out()).isEmpty();
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    private void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private void write(String name, String sql) throws IOException {
        Files.createDirectories(root.resolve("migration"));
        Files.writeString(root.resolve("migration").resolve(name), sql);
    }

    private Run trace(String... options) {
        return run(new CommandLine(new TraceCommand()), List.of(), options);
    }

    /** Runs {@code command} with {@code first} (such as the subcommand's name), the target's options, then {@code options}. */
    private Run run(CommandLine command, List<String> first, String... options) {
        PostgresEndpoint server = ScratchServers.admin();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(first);
        args.addAll(List.of(
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
