package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.CommandRuns.Run;
import dev.keel.tools.migrate.flyway.CatalogSnapshot;
import dev.keel.tools.migrate.flyway.ProductionGuardAccess;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/** keel-migrate against a real PostgreSQL 17, each test on a database and a copy of the files of its own. */
@ResourceLock(ProcessEnvironment.LOCK)
class KeelMigrateTest {

    @TempDir
    Path dir;

    private PostgresEndpoint database;

    @BeforeEach
    void copyTheShippedMigrationsAndMakeADatabase() throws IOException {
        CommandRuns.copySample(dir);
        database = TestServices.newDatabase("keel_migrate");
    }

    private Run run(String... args) {
        return runOn(database, args);
    }

    private Run runOn(PostgresEndpoint target, String... args) {
        return CommandRuns.run(dir, target, args);
    }

    @Test
    void statusOnAnEmptyDatabaseListsEveryMigrationAsPendingWithItsUndo() {
        Run status = run("status");

        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).contains("Current version: (empty schema)", "Pending: 2");
        assertThat(status.out()).containsPattern("20261122000000\\s+keel conventions\\s+pending\\s+yes");
    }

    @Test
    void upAppliesEachMigrationWithItsDurationThenStatusShowsThemApplied() {
        Run up = run("up");

        assertThat(up.exitCode()).isZero();
        assertThat(up.out()).containsPattern("applying 20261122000000\\s+keel conventions \\.\\.\\. done in \\d+ ms");
        assertThat(up.out()).contains("Applied 2 migrations; now at version 20261122000100");

        Run json = run("status", "--json");
        assertThat(json.out())
                .contains(
                        "\"current\":\"20261122000100\"",
                        "\"pending\":0",
                        "\"state\":\"applied\",\"checksum\":\"ok\",\"undo\":true");

        Run history = run("history");
        assertThat(history.out()).containsPattern("1\\s+20261122000000\\s+keel conventions");
        assertThat(history.out()).contains(database.username());
    }

    @Test
    void upStopsAtTheTargetVersion() {
        Run up = run("up", "--to", "20261122000000");

        assertThat(up.out()).contains("Applied 1 migration; now at version 20261122000000");
        assertThat(run("status").out()).contains("Current version: 20261122000000", "Pending: 1");
    }

    @Test
    void aChangedAppliedMigrationIsReportedAndFailsValidation() throws IOException {
        run("up");
        Path applied = dir.resolve("migration/V20261122000000__keel_conventions.sql");
        Files.writeString(applied, Files.readString(applied) + "\n-- edited after it was applied\n");

        Run status = run("status");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.out()).containsPattern("20261122000000\\s+keel conventions\\s+applied\\s+changed");
        Run validate = run("validate");
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out()).contains("checksum");
    }

    @Test
    void validateNamesEveryFileProblem() throws IOException {
        Files.delete(dir.resolve("undo/U20261122000100__create_widget.sql"));
        Files.writeString(dir.resolve("migration/V1__old_style.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("migration/V20261122000100__other_name.sql"), "SELECT 1;");
        Files.writeString(dir.resolve("undo/U20991231000000__nothing.sql"), "SELECT 1;");

        Run validate = run("validate", "--offline");

        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out())
                .contains(
                        "V1__old_style.sql: not named V<yyyyMMddHHmmss>",
                        "version 20261122000100 is used by 2 files",
                        "V20261122000100__create_widget.sql: has no undo script",
                        "U20991231000000__nothing.sql: undoes no migration");
    }

    @Test
    void theShippedMigrationsAreValid() {
        Run validate = run("validate", "--offline");
        assertThat(validate.exitCode()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("valid: 2 migrations, each with its undo");
    }

    @Test
    void createWritesAPairFromTheChecklistAfterTheNewestVersion() throws IOException {
        Run create = run("create", "add_gadgets_table");

        assertThat(create.exitCode()).isZero();
        MigrationFiles files = new MigrationFiles(dir);
        MigrationFiles.Migration created = files.migrations().getLast();
        assertThat(created.name()).isEqualTo("add_gadgets_table");
        assertThat(created.version()).isGreaterThan("20261122000100");
        assertThat(created.undo()).isPresent();
        assertThat(Files.readString(created.file()))
                .contains(
                        "CREATE TABLE gadgets",
                        "id          uuid        PRIMARY KEY",
                        "archived_at",
                        "keel_touch_updated_at",
                        "keel_forbid_delete");
        assertThat(files.problems()).isEmpty();
    }

    @Test
    void createRejectsBadNames() {
        for (String name : List.of("AddGadgets", "add-gadgets", "1_gadgets", "x".repeat(61))) {
            Run create = run("create", name);
            assertThat(create.exitCode()).as(name).isEqualTo(1);
            assertThat(create.err()).contains("is not a migration name");
        }
        assertThat(new MigrationFiles(dir).migrations()).hasSize(2);
    }

    @Test
    void aFailingMigrationNamesItsFileAndLeavesNothingBehind() throws IOException, SQLException {
        Files.writeString(
                dir.resolve("migration/V20261122000200__broken.sql"),
                "CREATE TABLE half_done (id int);\nCREATE TABLE nope (id no_such_type);\n");
        Files.writeString(dir.resolve("undo/U20261122000200__broken.sql"), "DROP TABLE half_done;\n");

        Run up = run("up");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.err()).contains("V20261122000200__broken.sql", "no_such_type", "Line");
        Run status = run("status", "--json");
        assertThat(status.out()).contains("\"current\":\"20261122000100\"");
        assertThat(database.queryForString("SELECT to_regclass('half_done') IS NULL"))
                .isEqualTo("t");
    }

    private CatalogSnapshot catalog() throws SQLException {
        try (Connection connection = database.connect()) {
            return CatalogSnapshot.of(connection);
        }
    }

    @Test
    void downUndoesTheLastMigrationAndItsHistoryRow() throws SQLException {
        run("up");

        Run down = run("down");

        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).containsPattern("undoing\\s+20261122000100\\s+create widget \\.\\.\\. done in \\d+ ms");
        assertThat(down.out()).contains("Undid 1 migration; now at version 20261122000000");
        assertThat(database.queryForString("SELECT to_regclass('widget') IS NULL"))
                .isEqualTo("t");
        assertThat(run("status").out()).contains("Pending: 1");
    }

    @Test
    void downAllThenUpAgainLeavesAnIdenticalCatalog() throws SQLException {
        run("up");
        CatalogSnapshot before = catalog();

        Run downAll = run("down-all");
        assertThat(downAll.out()).contains("Undid 2 migrations; now at version (empty schema)");
        assertThat(catalog().lines()).isEmpty();
        assertThat(database.queryForString("SELECT to_regclass('flyway_schema_history') IS NULL"))
                .isEqualTo("t");

        run("up");
        assertThat(catalog().differencesFrom(before)).isEmpty();
        assertThat(before.lines()).anyMatch(line -> line.startsWith("index CREATE UNIQUE INDEX widget_name_live_key"));
    }

    @Test
    void downStepsAndDownToStopWhereTheySay() {
        run("up");
        assertThat(run("down", "--steps", "2").out()).contains("Undid 2 migrations");
        run("up");
        assertThat(run("down-to", "20261122000000").out()).contains("Undid 1 migration; now at version 20261122000000");
        assertThat(run("down-to", "20261122000000").out()).contains("Nothing to undo");
        assertThat(run("down-to", "yesterday").err()).contains("is not a migration version");
    }

    @Test
    void aFailingUndoLeavesSchemaAndHistoryAsTheyWereAndNamesTheLine() throws IOException, SQLException {
        run("up");
        Files.writeString(
                dir.resolve("undo/U20261122000100__create_widget.sql"),
                "DROP INDEX widget_live_id_idx;\n\nDROP TABLE no_such_table;\nDROP TABLE widget;\n");
        CatalogSnapshot before = catalog();

        Run down = run("down");

        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err())
                .contains(
                        "U20261122000100__create_widget.sql line 3 (DROP TABLE no_such_table)",
                        "no_such_table",
                        "are as they were");
        assertThat(catalog().differencesFrom(before)).isEmpty();
        assertThat(run("status").out()).contains("Current version: 20261122000100");
    }

    @Test
    void aMigrationWithoutUndoIsNotUndoneAtAll() throws IOException {
        run("up");
        // The older of the two lacks its undo: the newer must not be undone either.
        Files.delete(dir.resolve("undo/U20261122000000__keel_conventions.sql"));

        Run down = run("down", "--steps", "2");

        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).contains("has no undo script", "nothing was undone");
        assertThat(run("status").out()).contains("Current version: 20261122000100");
    }

    @AfterEach
    void leaveProduction() {
        ProductionGuardAccess.useEnvironment(System.getenv());
    }

    @Test
    void showPrintsTheStateAndBothScripts() {
        run("up", "--to", "20261122000000");

        Run show = run("show", "20261122000100");

        assertThat(show.out())
                .contains("20261122000100  create widget  (pending)", "CREATE TABLE widget", "DROP TABLE widget;");
        assertThat(run("show", "20990101000000").err()).contains("There is no migration 20990101000000");
    }

    @Test
    void sqlPreviewsUpAndDownWithoutChangingAnything() throws SQLException {
        run("up", "--to", "20261122000000");
        CatalogSnapshot before = catalog();

        Run up = run("sql");
        Run down = run("sql", "--direction", "down");

        assertThat(up.out())
                .contains("-- V20261122000100__create_widget.sql", "CREATE TABLE widget")
                .doesNotContain("keel_touch_updated_at() RETURNS trigger");
        assertThat(down.out())
                .contains("-- U20261122000000__keel_conventions.sql", "DROP FUNCTION keel_forbid_delete();");
        assertThat(catalog().differencesFrom(before)).isEmpty();
        assertThat(run("status").out()).contains("Pending: 1");
    }

    @Test
    void everyCommandFollowsTheFlywayDefinitionsTableAndPlaceholders() throws IOException, SQLException {
        Files.writeString(dir.resolve("flyway.properties"), """
                flyway.table=keel_history
                flyway.validateMigrationNaming=true
                flyway.postgresql.transactional.lock=false
                flyway.placeholders.greeting=hello
                """);
        addPair("20261122000200", "note");
        String dollar = "$";
        Files.writeString(
                dir.resolve("migration/V20261122000200__note.sql"),
                "CREATE TABLE note (id uuid PRIMARY KEY, body text NOT NULL DEFAULT '" + dollar + "{greeting}');\n"
                        + "COMMENT ON TABLE note IS 'history in " + dollar + "{flyway:table}';\n");

        assertThat(run("sql").out()).contains("DEFAULT 'hello'", "'history in keel_history'");
        Run up = run("up");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(database.queryForString("SELECT count(*) FROM keel_history WHERE success"))
                .isEqualTo("3");
        assertThat(database.queryForString("SELECT to_regclass('flyway_schema_history') IS NULL"))
                .isEqualTo("t");
        assertThat(database.queryForString("SELECT column_default FROM information_schema.columns "
                        + "WHERE table_name = 'note' AND column_name = 'body'"))
                .isEqualTo("'hello'::text");
        assertThat(run("status").out()).contains("Pending: 0");
        assertThat(run("history").out()).contains("20261122000200");
        Run wipe = run("db", "wipe", "--force");
        assertThat(wipe.exitCode()).as(wipe.err()).isZero();
        assertThat(wipe.out()).doesNotContain("keel_history");
        assertThat(database.queryForString("SELECT count(*) FROM keel_history WHERE success"))
                .as("wipe keeps the history")
                .isEqualTo("3");
        Path backup = dir.resolve("backups/definition.zip");
        assertThat(run("backup", backup.toString()).exitCode()).isZero();

        Run down = run("down");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(database.queryForString("SELECT count(*) FROM keel_history")).isEqualTo("2");
        assertThat(database.queryForString("SELECT to_regclass('note') IS NULL"))
                .isEqualTo("t");

        PostgresEndpoint restored = TestServices.newDatabase("definition_restore");
        Run restore = runOn(restored, "restore", backup.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restored.queryForString("SELECT count(*) FROM keel_history WHERE success"))
                .isEqualTo("3");
        assertThat(run("down-all").exitCode()).isZero();
        assertThat(database.queryForString("SELECT to_regclass('keel_history') IS NULL"))
                .isEqualTo("t");
    }

    @Test
    void aDefinitionKeelCannotFollowIsRefusedNamingTheFile() throws IOException {
        Files.writeString(
                dir.resolve("flyway.properties"), "flyway.locations=classpath:db/migration,classpath:db/more\n");
        Run status = run("status");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).contains("flyway.properties", "flyway.locations", "classpath:db/migration");

        Files.writeString(dir.resolve("flyway.properties"), "table=keel_history\n");
        assertThat(run("up").err()).contains("flyway.properties", "'table' is not a Flyway setting");
        assertThat(run("sql").exitCode()).isEqualTo(1);
    }

    @Test
    void sqlResolvesFlywaysPlaceholdersAsFlywayWould() throws IOException {
        run("up");
        addPair("20261122000200", "placeheld");
        String dollar = "$";
        Files.writeString(
                dir.resolve("migration/V20261122000200__placeheld.sql"),
                "COMMENT ON TABLE widget IS 'owned by " + dollar + "{flyway:user} in " + dollar
                        + "{flyway:defaultSchema}';\n");

        Run preview = run("sql");

        assertThat(preview.out())
                .contains("COMMENT ON TABLE widget IS 'owned by " + database.username() + " in public';");
        assertThat(run("up").exitCode()).isZero();
    }

    @Test
    void repairRealignsTheChecksumOfAnEditedMigration() throws IOException {
        run("up");
        Path applied = dir.resolve("migration/V20261122000000__keel_conventions.sql");
        Files.writeString(applied, Files.readString(applied) + "\n-- a comment added later\n");
        assertThat(run("status").exitCode()).isEqualTo(1);

        Run repair = run("repair");

        assertThat(repair.out()).contains("1 checksums realigned");
        assertThat(run("status").exitCode()).isZero();
    }

    @Test
    void productionRefusesSchemaChangesUnlessConfirmedAndDownWithoutABackup() throws IOException {
        ProductionGuardAccess.useEnvironment(java.util.Map.of("KEEL_ENV", "production"));
        Run refused = run("up");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
                .contains("Refusing 'up' on a production database", "CONFIRM_PRODUCTION_MIGRATION=yes");
        assertThat(run("status").out()).contains("Pending: 2");

        ProductionGuardAccess.useEnvironment(
                java.util.Map.of("KEEL_ENV", "production", "CONFIRM_PRODUCTION_MIGRATION", "yes"));
        assertThat(run("up").exitCode()).isZero();
        Run noBackup = run("down");
        assertThat(noBackup.exitCode()).isEqualTo(1);
        assertThat(noBackup.err()).contains("without a backup");

        Path backup = Files.writeString(dir.resolve("backup.sql"), "-- a backup");
        ProductionGuardAccess.useEnvironment(java.util.Map.of(
                "SPRING_PROFILES_ACTIVE",
                "prod",
                "CONFIRM_PRODUCTION_MIGRATION",
                "yes",
                "KEEL_BACKUP_FILE",
                backup.toString()));
        assertThat(run("down").exitCode()).isZero();
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "git", "-C", dir.toString(), "-c", "user.name=Keel Test", "-c", "user.email=test@keel.invalid"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(String.join(" ", args) + ": " + output).isZero();
    }

    private void addPair(String version, String name) throws IOException {
        Files.writeString(
                dir.resolve("migration/V" + version + "__" + name + ".sql"), "CREATE TABLE " + name + " (id int);\n");
        Files.writeString(dir.resolve("undo/U" + version + "__" + name + ".sql"), "DROP TABLE " + name + ";\n");
    }

    @Test
    void aBranchMigrationOlderThanMainsNewestFailsValidationAndRebaseMovesItAfter() throws Exception {
        git("init", "-q", "-b", "main");
        git("add", "-A");
        git("commit", "-q", "-m", "shipped migrations");
        git("checkout", "-q", "-b", "feature");
        addPair("20261122000050", "branch_work");
        git("add", "-A");
        git("commit", "-q", "-m", "work on the branch");
        git("checkout", "-q", "main");
        addPair("20261122000300", "main_work"); // main moves on meanwhile
        git("add", "-A");
        git("commit", "-q", "-m", "work on main");
        git("checkout", "-q", "feature");

        Run stale = run("validate", "--offline", "--main", "main");
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.out())
                .contains("V20261122000050__branch_work.sql: sorts before 20261122000300", "Fix: make migrate-rebase");

        Run rebase = run("rebase", "--main", "main");
        assertThat(rebase.out()).contains("renamed 20261122000050__branch_work -> ");
        MigrationFiles.Migration moved = new MigrationFiles(dir).migrations().getLast();
        assertThat(moved.name()).isEqualTo("branch_work");
        assertThat(moved.version()).isGreaterThan("20261122000300");
        assertThat(moved.undo()).isPresent();
        assertThat(Files.readString(moved.file())).isEqualTo("CREATE TABLE branch_work (id int);\n");
        assertThat(run("validate", "--offline", "--main", "main").exitCode()).isZero();
        assertThat(run("rebase", "--main", "main").out()).contains("Nothing to rebase");
    }

    @Test
    void stampRecordsPendingMigrationsAsAppliedWithoutRunningThem() throws SQLException, IOException {
        Run stamp = run("stamp", "20261122000000");

        assertThat(stamp.exitCode()).as(stamp.err()).isZero();
        assertThat(stamp.out()).contains("Stamped 1 migration as applied without running them");
        assertThat(database.queryForString("SELECT count(*) FROM pg_proc WHERE proname = 'keel_forbid_delete'"))
                .isEqualTo("0");
        Run status = run("status");
        assertThat(status.exitCode()).isZero();
        assertThat(status.out()).containsPattern("20261122000000\\s+keel conventions\\s+applied\\s+ok");
        assertThat(run("stamp", "20261122000000").err()).contains("is not a pending migration");
        // Stamping is for a schema that already has what the migration makes: create it by hand, then go on.
        database.execute(Files.readString(dir.resolve("migration/V20261122000000__keel_conventions.sql")));
        Run up = run("up");
        assertThat(up.out()).contains("Applied 1 migration; now at version 20261122000100");
        assertThat(database.queryForString("SELECT to_regclass('widget') IS NOT NULL"))
                .isEqualTo("t");
    }

    private static String dump(PostgresEndpoint endpoint, String query) throws SQLException {
        return endpoint.queryForString(
                "SELECT coalesce(string_agg(row_text, E'\\n'), '') FROM (" + query + ") AS q(row_text)");
    }

    @Test
    void aBackupRestoresToAnIdenticalDatabase() throws SQLException, IOException {
        run("up");
        database.execute("""
                INSERT INTO widget (id, name, status, attachment_key, attachment_content_type, attachment_size,
                                    attachment_sha256, created_at, updated_at, archived_at) VALUES
                  ('019a8f2e-5c3b-7d10-8000-000000000001', 'plain', 'DRAFT', NULL, NULL, NULL, NULL,
                   '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', NULL),
                  ('019a8f2e-5c3b-7d10-8000-000000000002', E'comma, "quotes"\\nand a newline', 'ACTIVE',
                   'widgets/x/attachments/y', 'text/plain', 5, repeat('a', 64),
                   '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z', NULL),
                  ('019a8f2e-5c3b-7d10-8000-000000000003', 'archived', 'RETIRED', NULL, NULL, NULL, NULL,
                   '2026-01-04T00:00:00Z', '2026-01-04T00:00:00Z', '2026-01-05T00:00:00Z')
                """);
        addPair("20261122000200", "widget_note");
        Files.writeString(dir.resolve("migration/V20261122000200__widget_note.sql"), """
                CREATE TABLE widget_note (
                    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                    widget_id uuid NOT NULL REFERENCES widget (id),
                    body text NOT NULL
                );
                INSERT INTO widget_note (widget_id, body)
                SELECT id, 'seeded by the migration' FROM widget LIMIT 0;
                CREATE TABLE a_setting (key text PRIMARY KEY, value text NOT NULL);
                INSERT INTO a_setting VALUES ('seeded', 'by the migration');
                """);
        run("up");
        database.execute(
                "INSERT INTO widget_note (widget_id, body) VALUES "
                        + "('019a8f2e-5c3b-7d10-8000-000000000002', 'first'), ('019a8f2e-5c3b-7d10-8000-000000000003', 'second')",
                "UPDATE a_setting SET value = 'changed since' WHERE key = 'seeded'");
        Path file = dir.resolve("backups/keel.zip");

        Run backup = run("backup", file.toString());
        assertThat(backup.exitCode()).as(backup.err()).isZero();

        PostgresEndpoint restored = TestServices.newDatabase("restore_target");
        Run restore = runOn(restored, "restore", file.toString());
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).contains("Restored 3 tables and the migration history");
        String notes = "SELECT n::text FROM widget_note n ORDER BY id";
        assertThat(dump(restored, notes)).isEqualTo(dump(database, notes)).contains("second");
        assertThat(dump(restored, "SELECT s::text FROM a_setting s")).isEqualTo("(seeded,\"changed since\")");
        // The identity sequence goes on where the original's was, not from 1 again.
        restored.execute(
                "INSERT INTO widget_note (widget_id, body) VALUES ('019a8f2e-5c3b-7d10-8000-000000000001', 'new')");
        assertThat(restored.queryForString("SELECT max(id) FROM widget_note")).isEqualTo("3");

        String rows = "SELECT w::text FROM widget w ORDER BY id";
        String history = "SELECT h::text FROM flyway_schema_history h ORDER BY installed_rank";
        assertThat(dump(restored, rows)).isEqualTo(dump(database, rows)).contains("and a newline");
        assertThat(dump(restored, history)).isEqualTo(dump(database, history));
        try (Connection original = database.connect();
                Connection copy = restored.connect()) {
            assertThat(CatalogSnapshot.of(copy).differencesFrom(CatalogSnapshot.of(original)))
                    .isEmpty();
        }

        Run again = runOn(restored, "restore", file.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("Restore needs an empty database");
    }

    @Test
    void eightMigratorsAtOnceApplyEachMigrationExactlyOnce() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Run>> runs = new ArrayList<>();
            var start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return run("up");
                }));
            }
            start.countDown();
            int applied = 0;
            for (var future : runs) {
                Run up = future.get(2, java.util.concurrent.TimeUnit.MINUTES);
                assertThat(up.exitCode()).as(up.err()).isZero();
                applied += up.out().contains("Applied 2 migrations")
                        ? 2
                        : up.out().contains("Applied 1 migration") ? 1 : 0;
            }
            assertThat(applied).isEqualTo(2);
            assertThat(database.queryForString("SELECT count(*) FROM flyway_schema_history"))
                    .isEqualTo("2");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeclaredNonTransactionalMigrationBuildsItsIndexConcurrentlyWithoutHanging() throws Exception {
        addPair("20261122000200", "widget_created_idx");
        Files.writeString(dir.resolve("migration/V20261122000200__widget_created_idx.sql"), """
                -- keel:non-transactional
                CREATE INDEX CONCURRENTLY widget_created_at_idx ON widget (created_at);
                """);
        Files.writeString(
                dir.resolve("undo/U20261122000200__widget_created_idx.sql"), "DROP INDEX widget_created_at_idx;\n");
        assertThat(run("validate", "--offline").exitCode()).isZero();

        Run up = java.util.concurrent.CompletableFuture.supplyAsync(() -> run("up"))
                .get(60, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(database.queryForString("SELECT to_regclass('widget_created_at_idx') IS NOT NULL"))
                .isEqualTo("t");
    }

    @Test
    void anUndoCannotUseConcurrently() throws IOException {
        Files.writeString(
                dir.resolve("undo/U20261122000100__create_widget.sql"),
                "DROP INDEX CONCURRENTLY widget_live_id_idx;\n");

        Run validate = run("validate", "--offline");

        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out()).contains("U20261122000100__create_widget.sql: an undo runs in one transaction");
    }

    @Test
    void concurrentStatementsMustBeDeclaredAndAlone() throws IOException {
        addPair("20261122000200", "undeclared");
        Files.writeString(
                dir.resolve("migration/V20261122000200__undeclared.sql"),
                "CREATE TABLE t (id int);\n\nCREATE INDEX CONCURRENTLY t_idx ON t (id);\n");
        addPair("20261122000300", "needless");
        Files.writeString(
                dir.resolve("migration/V20261122000300__needless.sql"),
                "-- keel:non-transactional\nCREATE TABLE u (id int);\n");

        Run validate = run("validate", "--offline");

        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.out())
                .contains(
                        "V20261122000200__undeclared.sql line 3: CREATE INDEX CONCURRENTLY",
                        "Flyway refuses to run it",
                        "V20261122000300__needless.sql line 2: declares -- keel:non-transactional");
    }

    @Test
    void anUnreachableDatabaseGetsAClearMessage() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = KeelMigrate.commandLine();
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(
                "status", "--dir", dir.toString(), "--url", "jdbc:postgresql://127.0.0.1:1/keel?connectTimeout=2");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("Cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/keel", "KEEL_DB_URL")
                .doesNotContain("at org.");
    }
}
