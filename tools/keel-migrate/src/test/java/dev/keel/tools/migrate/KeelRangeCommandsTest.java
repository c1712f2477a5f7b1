package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.CommandRuns.Run;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/**
 * Keel's migrations (midnight versions, keel_ names) and the team's never collide: the commands that write versions
 * keep out of Keel's range, and a Keel migration a template update brings, dated before migrations a database has
 * applied, is applied by up while a team's migration dated so stays refused. On a real PostgreSQL 17.
 */
@ResourceLock(value = ProcessEnvironment.LOCK, mode = ResourceAccessMode.READ)
class KeelRangeCommandsTest {

    @TempDir
    Path dir;

    private PostgresEndpoint database;

    @BeforeEach
    void copyTheSampleMigrationsAndMakeADatabase() throws IOException {
        CommandRuns.copySample(dir);
        database = TestServices.newDatabase("keel_range");
    }

    @Test
    void aKeelMigrationOlderThanTheNewestAppliedIsAppliedByUpAndATeamOneIsStillRefused() throws Exception {
        pair("20261201101500", "team_a");
        pair("20261203101500", "team_b");
        assertThat(run("up").out()).contains("Applied 4 migrations; now at version 20261203101500");

        // A template update brings Keel's migration dated between the team's two.
        pair("20261202000000", "keel_audit");
        Run pending = run("status");
        assertThat(pending.exitCode()).as(pending.out()).isZero();
        assertThat(pending.out())
                .contains("Current version: 20261203101500", "Pending: 1")
                .containsPattern("20261202000000\\s+keel audit\\s+pending");
        // Pending, as any migration not yet applied: run up (not the out-of-order refusal a team's would get).
        Run validateBefore = run("validate");
        assertThat(validateBefore.exitCode()).isEqualTo(1);
        assertThat(validateBefore.out())
                .contains("Detected resolved migration not applied to database: 20261202000000", "run migrate")
                .doesNotContain("outOfOrder");
        assertThat(run("sql").out()).contains("-- V20261202000000__keel_audit.sql");

        Run up = run("up");

        assertThat(up.exitCode()).as(up.out() + up.err()).isZero();
        assertThat(up.out())
                .containsPattern("applying 20261202000000\\s+keel audit \\.\\.\\. done")
                .contains("Applied 1 migration; now at version 20261203101500");
        assertThat(database.queryForString("SELECT to_regclass('keel_audit') IS NOT NULL"))
                .isEqualTo("t");
        Run status = run("status");
        assertThat(status.exitCode()).as(status.out()).isZero();
        assertThat(status.out())
                .contains("Pending: 0")
                .containsPattern("20261202000000\\s+keel audit\\s+applied\\s+ok\\s+yes");
        Run validate = run("validate");
        assertThat(validate.exitCode()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("valid: 5 migrations, each with its undo, checksums match the database");
        assertThat(run("up").out()).contains("Nothing to apply; now at version 20261203101500");

        // A team's migration dated between is refused as before: status, validate and up say so, up applies nothing.
        pair("20261202101500", "team_late");
        pair("20261202120000", "keel_late"); // not Keel's: a keel_ name, but not at midnight
        assertThat(run("status").out())
                .containsPattern("20261202101500\\s+team late\\s+ignored \\(older than the current version");
        Run refusedValidate = run("validate");
        assertThat(refusedValidate.exitCode()).isEqualTo(1);
        assertThat(refusedValidate.out())
                .contains(dir.resolve("migration/V20261202120000__keel_late.sql")
                        + ": the prefix keel_ is reserved for Keel's own migrations");
        Files.delete(dir.resolve("migration/V20261202120000__keel_late.sql"));
        Files.delete(dir.resolve("undo/U20261202120000__keel_late.sql"));
        Run teamValidate = run("validate");
        assertThat(teamValidate.exitCode()).isEqualTo(1);
        assertThat(teamValidate.out())
                .contains("20261202101500", "outOfOrder")
                .contains("V20261202101500__team_late.sql is yours and older than 20261203101500, the newest applied: "
                        + "give it a newer version (make migrate-rebase on its branch)");
        Run refusedUp = run("up");
        assertThat(refusedUp.exitCode()).isEqualTo(1);
        assertThat(refusedUp.err())
                .contains("20261202101500", "outOfOrder")
                .contains("V20261202101500__team_late.sql is yours and older than 20261203101500");
        assertThat(database.queryForString("SELECT to_regclass('team_late') IS NULL"))
                .isEqualTo("t");

        // Nor does a Keel migration pending beside it open the way for it.
        pair("20261201000000", "keel_more");
        Run mixed = run("up");
        assertThat(mixed.exitCode()).isEqualTo(1);
        assertThat(mixed.err()).contains("20261202101500");
        assertThat(database.queryForString(
                        "SELECT to_regclass('team_late') IS NULL AND to_regclass('keel_more') IS NULL"))
                .isEqualTo("t");

        // Without the team's, Keel's goes in; down undoes in the order they were applied, the newest applied first.
        Files.delete(dir.resolve("migration/V20261202101500__team_late.sql"));
        Files.delete(dir.resolve("undo/U20261202101500__team_late.sql"));
        assertThat(run("up").out()).contains("Applied 1 migration; now at version 20261203101500");
        Run down = run("down");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(database.queryForString(
                        "SELECT to_regclass('keel_more') IS NULL AND to_regclass('team_b') IS NOT " + "NULL"))
                .isEqualTo("t");
        assertThat(run("status").out()).containsPattern("20261201000000\\s+keel more\\s+pending");
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
        Run rebase = CommandRuns.execute(commandLine, "rebase", "--main", "main", "--dir", dir.toString());

        assertThat(rebase.out()).contains("renamed 20261122000050__branch_work -> 20300101000001__branch_work");
    }

    @Test
    void createNeverPicksMidnightNorAKeelName() throws IOException {
        CommandLine commandLine = KeelMigrate.commandLine();
        ((KeelMigrate.Create) commandLine.getSubcommands().get("create").getCommand()).clock = midnight();
        Run create = CommandRuns.execute(commandLine, "create", "add_gadgets_table", "--dir", dir.toString());

        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(dir.resolve("migration/V20300101000001__add_gadgets_table.sql"))
                .exists();
        assertThat(dir.resolve("undo/U20300101000001__add_gadgets_table.sql")).exists();

        for (String command : List.of("create", "create-manual", "generate")) {
            Run refused =
                    CommandRuns.execute(KeelMigrate.commandLine(), command, "keel_audit", "--dir", dir.toString());
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
        return CommandRuns.run(dir, database, args);
    }
}
