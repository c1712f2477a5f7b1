package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Keel's migrations (midnight versions, keel_ names) and the team's never collide: the commands that write versions
 * keep out of Keel's range.
 */
class KeelRangeCommandsTest {

    @TempDir
    Path dir;

    private PostgresEndpoint database;

    record Run(int exitCode, String out, String err) {}

    @BeforeEach
    void copyTheSampleMigrationsAndMakeADatabase() throws IOException {
        Path shipped = Path.of("../sample/db");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = dir.resolve(shipped.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        database = TestServices.newDatabase("keel_range");
    }

    @Test
    void aBranchThatTookAKeelMigrationOlderThanMainsNewestIsValidAndRebaseLeavesItAlone() throws Exception {
        git("init", "-q", "-b", "main");
        pair("20261203101500", "team_b");
        git("add", "-A");
        git("commit", "-q", "-m", "main");
        git("checkout", "-q", "-b", "template-update");
        pair("20261202000000", "keel_audit");
        git("add", "-A");
        git("commit", "-q", "-m", "Keel's new migration");

        Run validate = run("validate", "--offline", "--main", "main");
        assertThat(validate.exitCode()).as(validate.out()).isZero();
        assertThat(run("rebase", "--main", "main").out()).contains("Nothing to rebase");
        assertThat(dir.resolve("migration/V20261202000000__keel_audit.sql")).exists();

        // A team's branch migration at midnight is moved off it by rebase, as one sorting before main's newest is.
        pair("20261204000000", "team_c");
        Run midnight = run("validate", "--offline", "--main", "main");
        assertThat(midnight.exitCode()).isEqualTo(1);
        assertThat(midnight.out())
                .contains("V20261204000000__team_c.sql: version 20261204000000 is at midnight", "make migrate-rebase");
        Run rebase = run("rebase", "--main", "main");
        assertThat(rebase.out()).contains("renamed 20261204000000__team_c -> ").doesNotContain("keel_audit ->");
        assertThat(dir.resolve("migration/V20261202000000__keel_audit.sql")).exists();
        assertThat(run("validate", "--offline", "--main", "main").exitCode()).isZero();
    }

    @Test
    void rebaseNeverPicksMidnight() throws Exception {
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "main");
        git("checkout", "-q", "-b", "feature");
        pair("20261122000050", "branch_work");
        git("add", "-A");
        git("commit", "-q", "-m", "work on the branch");
        git("checkout", "-q", "main");
        pair("20261122000300", "main_work");
        git("add", "-A");
        git("commit", "-q", "-m", "main moves on");
        git("checkout", "-q", "feature");

        CommandLine commandLine = KeelMigrate.commandLine();
        ((KeelMigrate.Rebase) commandLine.getSubcommands().get("rebase").getCommand()).clock = midnight();
        Run rebase = execute(commandLine, "rebase", "--main", "main", "--dir", dir.toString());

        assertThat(rebase.out()).contains("renamed 20261122000050__branch_work -> 20300101000001__branch_work");
    }

    @Test
    void createNeverPicksMidnightNorAKeelName() throws IOException {
        CommandLine commandLine = KeelMigrate.commandLine();
        ((KeelMigrate.Create) commandLine.getSubcommands().get("create").getCommand()).clock = midnight();
        Run create = execute(commandLine, "create", "add_gadgets_table", "--dir", dir.toString());

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(dir.resolve("migration/V20300101000001__add_gadgets_table.sql"))
                .exists();
        assertThat(dir.resolve("undo/U20300101000001__add_gadgets_table.sql")).exists();

        for (String command : List.of("create", "create-manual", "generate")) {
            Run refused = execute(KeelMigrate.commandLine(), command, "keel_audit", "--dir", dir.toString());
            assertThat(refused.exitCode()).as(command).isEqualTo(1);
            assertThat(refused.err())
                    .as(command)
                    .contains("'keel_audit' starts with keel_, which is reserved for Keel's own migrations");
        }
        assertThat(new MigrationFiles(dir).migrations()).hasSize(3);
        assertThat(new MigrationFiles(dir).problems()).isEmpty();
    }

    private static Clock midnight() {
        return Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    }

    private void pair(String version, String name) throws IOException {
        Files.writeString(
                dir.resolve("migration/V" + version + "__" + name + ".sql"), "CREATE TABLE " + name + " (id int);\n");
        Files.writeString(dir.resolve("undo/U" + version + "__" + name + ".sql"), "DROP TABLE " + name + ";\n");
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "git", "-C", dir.toString(), "-c", "user.name=Keel Test", "-c", "user.email=test@keel.invalid"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", args) + ": " + output).isZero();
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", dir.toString()));
        if (!List.of("create", "rebase").contains(args[0])) {
            all.addAll(List.of(
                    "--url", database.jdbcUrl(), "--user", database.username(), "--password", database.password()));
        }
        return execute(KeelMigrate.commandLine(), all.toArray(String[]::new));
    }

    private static Run execute(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
