package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/** keel-migrate lint --history: another tool's history on the command line, no database needed. */
@ResourceLock(value = ProcessEnvironment.LOCK, mode = ResourceAccessMode.READ)
class LintHistoryCommandTest {

    @TempDir
    Path dir;

    /** What one command printed and how it exited. */
    record Run(int exitCode, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = KeelMigrate.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String sql) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, sql);
    }

    @Test
    void checksAFolderOfUpAndDownFilesForOneDatabaseNamingTheOriginalFilesAndLines() throws IOException {
        write("1_log.postgres.up.sql", "CREATE TABLE log (id bigint PRIMARY KEY, note text);\n");
        write("1_log.mysql.up.sql", "CREATE TABLE log (id bigint PRIMARY KEY, note text) ENGINE=InnoDB;\n");
        Path down = write("1_log.down.sql", "SET LOCAL lock_timeout = '5s';\n\nDROP TABLE log;\n");
        Path next = write("2_note.up.sql", "SET LOCAL lock_timeout = '5s';\nALTER TABLE log DROP COLUMN note;\n");

        Run run = run("lint", "--history", "--include", "*.postgres.*", "--format", "json", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out())
                .contains("{\"file\":" + json(down) + ",\"line\":3,\"column\":12,\"rule\":\"drop-table\"")
                .contains("{\"file\":" + json(next) + ",\"line\":2,")
                .contains("\"rule\":\"drop-column\"")
                .doesNotContain("mysql", "postgres-only");
        assertThat(run.err()).contains("in 3 files", "history of 2 steps", "every step its own release");
    }

    @Test
    void aCleanHistoryExitsZero() throws IOException {
        Path first = write("b.sql", "SELECT 1;\n");
        Path second = write("a.sql", "SELECT 2;\n");

        Run run = run("lint", "--history", first.toString(), second.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("lint: 0 errors, 0 warnings in 2 files", "history of 2 steps");
    }

    @Test
    void anotherToolsHistoryIsCheckedForHazardsAloneUnlessKeelsConventionsAreAskedFor() throws IOException {
        // varchar(n) and a table without the model checklist are Keel's conventions; the index on a live table is a
        // hazard
        write("1_log/up.sql", "CREATE TABLE log (id bigint PRIMARY KEY, note varchar(20));\n");
        write("2_index/up.sql", "SET LOCAL lock_timeout = '5s';\nCREATE INDEX log_note_idx ON log (note);\n");

        Run hazards = run("lint", "--history", "--format", "json", dir.toString());
        Run withConventions = run("lint", "--history", "--conventions", "--format", "json", dir.toString());

        assertThat(hazards.out())
                .contains("\"rule\":\"index-concurrently\"")
                .doesNotContain("varchar-length", "model-checklist");
        assertThat(hazards.err()).contains("hazards only (--conventions adds Keel's)");
        assertThat(withConventions.out())
                .contains(
                        "\"rule\":\"index-concurrently\"",
                        "\"rule\":\"varchar-length\"",
                        "\"rule\":\"model-checklist\"");
        assertThat(run("lint", "--conventions", "--dir", dir.toString()).err())
                .contains("--conventions applies to --history");
    }

    @Test
    void aToolThatCommitsEveryStatementHoldsNoLockAcrossStatements() throws IOException {
        write("1_log/up.sql", "CREATE TABLE log (id bigint PRIMARY KEY, note text);\n");
        write(
                "2_note/up.sql",
                "SET lock_timeout = '5s';\nSET statement_timeout = '60s';\n"
                        + "ALTER TABLE log ADD COLUMN kind text;\nCREATE INDEX log_note_idx ON log (note);\n");

        Run inOneTransaction = run("lint", "--history", "--format", "json", dir.toString());
        Run statementByStatement = run("lint", "--history", "--autocommit", "--format", "json", dir.toString());

        assertThat(inOneTransaction.out()).contains("\"rule\":\"work-after-exclusive-lock\"");
        assertThat(statementByStatement.out())
                .contains("\"rule\":\"index-concurrently\"")
                .doesNotContain("work-after-exclusive-lock");
        assertThat(statementByStatement.err()).contains("every statement committing on its own");
        assertThat(run("lint", "--autocommit", "--dir", dir.toString()).err())
                .contains("--autocommit applies to --history");
    }

    @Test
    void aFolderForSeveralDatabasesAsksForInclude() throws IOException {
        write("1_a.postgres.up.sql", "SELECT 1;\n");
        write("1_a.mysql.up.sql", "SELECT 1;\n");

        Run run = run("lint", "--history", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("several databases [mysql, postgres]", "--include '*.mysql.*'");
    }

    @Test
    void includeAndAnEmptyHistoryAreExplained() {
        assertThat(run("lint", "--include", "*.postgres.*").err()).contains("add --history");
        assertThat(run("lint", "--history").err()).contains("--history needs the files or folders");
        assertThat(run("lint", "--history", dir.toString()).err()).contains("No migration found");
    }

    @Test
    void helpDescribesTheHistoryLayouts() {
        Run help = run("lint", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .contains("--history", "--include=GLOB", "diesel", "up/down", "Flyway", "Alembic", "goose")
                .contains("keel-migrate lint --history --include '*.postgres.*' migrations/sql");
    }

    private static String json(Path file) {
        return "\"" + file.toString().replace("\\", "\\\\") + "\"";
    }
}
