package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.CommandRuns.Run;
import dev.keel.tools.migrate.flyway.CatalogSnapshot;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written path on a real PostgreSQL 17: the template's undo undoes its migration, validate
 * fails on an undo that undoes nothing, and down refuses an empty or irreversible undo, changing nothing.
 */
class ManualPathTest {

    private static final String CONVENTIONS = "20261122000000";
    private static final String WIDGET = "20261122000100";

    @TempDir
    Path dir;

    private PostgresEndpoint database;

    @BeforeEach
    void copyTheSampleMigrationsAndMakeADatabase() throws IOException {
        CommandRuns.copySample(dir);
        database = TestServices.newDatabase("keel_manual");
    }

    @Test
    void theTemplatesUndoPutsTheCatalogBackAndUpRunsAgain() throws SQLException, IOException {
        assertThat(run("up").exitCode()).isZero();
        for (String name : List.of("add_gadget_table", "create_order_line", "gizmos", "create_user")) {
            CatalogSnapshot before = catalog();

            Run create = run("create-manual", name);
            assertThat(create.exitCode()).as(create.err()).isZero();
            MigrationFiles.Migration created =
                    new MigrationFiles(dir).migrations().getLast();
            assertThat(created.name()).isEqualTo(name);
            Run up = run("up");
            assertThat(up.exitCode()).as(up.err()).isZero();
            assertThat(catalog().differencesFrom(before))
                    .as(name)
                    .anyMatch(line -> line.startsWith("+ trigger CREATE TRIGGER") && line.contains("_forbid_delete"));

            Run down = run("down");
            assertThat(down.exitCode()).as(down.err()).isZero();
            assertThat(catalog().differencesFrom(before)).as(name).isEmpty();
            assertThat(run("up").exitCode()).as(name).isZero();
        }
        Run validate = run("validate", "--offline");
        assertThat(validate.exitCode()).as(validate.out()).isZero();
    }

    @Test
    void createAndCreateManualWriteTheSamePair() throws IOException {
        run("create", "add_gadget_table");
        run("create-manual", "add_gizmo_table");
        List<MigrationFiles.Migration> migrations = new MigrationFiles(dir).migrations();
        MigrationFiles.Migration gadget = migrations.get(migrations.size() - 2);
        MigrationFiles.Migration gizmo = migrations.getLast();

        assertThat(Files.readString(gizmo.undo().orElseThrow()))
                .isEqualTo(Files.readString(gadget.undo().orElseThrow())
                        .replace(
                                gadget.file().getFileName().toString(),
                                gizmo.file().getFileName().toString())
                        .replace("gadget", "gizmo"));
        assertThat(Files.readString(gadget.undo().orElseThrow())).contains("DROP TABLE gadget;");
    }

    @Test
    void validateFailsOnAnUndoWithoutAStatementNamingIt() throws IOException {
        Path commentsOnly = addPair("backfill_names", "UPDATE widget SET name = btrim(name);\n", "-- nothing yet\n\n");
        Path nothing = addPair("rename_status", "ALTER TABLE widget RENAME COLUMN status TO state;\n", "");

        for (String[] validate : List.of(new String[] {"validate", "--offline"}, new String[] {"validate"})) {
            Run run = run(validate);
            assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
            assertThat(run.out())
                    .contains(
                            commentsOnly + ": has no statement",
                            nothing + ": has no statement",
                            "-- keel:irreversible <reason>",
                            "2 problems found");
        }
    }

    @Test
    void validateAcceptsAnIrreversibleUndoWithAReasonOnly() throws IOException {
        Path undo = addPair(
                "backfill_names",
                "UPDATE widget SET name = btrim(name);\n",
                "-- keel:irreversible the untrimmed names are gone\n");
        addPair("only_a_comment", "-- nothing to run\n", "");
        assertThat(run("validate", "--offline").exitCode()).isZero();

        Files.writeString(undo, "-- Undo of the backfill.\n--keel:irreversible   \n");
        Run noReason = run("validate", "--offline");
        assertThat(noReason.exitCode()).isEqualTo(1);
        assertThat(noReason.out()).contains(undo + ": -- keel:irreversible needs its reason");

        Files.writeString(undo, "-- keel:irreversible the untrimmed names are gone\nSELECT 1;\n");
        Run both = run("validate", "--offline");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.out()).contains(undo + ": is marked -- keel:irreversible but has statements");
    }

    @Test
    void downRefusesAnEmptyUndoAndLeavesTableAndHistory() throws IOException, SQLException {
        run("create-manual", "add_gadget_table");
        MigrationFiles.Migration gadget = new MigrationFiles(dir).migrations().getLast();
        run("up");
        // What the template wrote before: an undo of comments only.
        Files.writeString(gadget.undo().orElseThrow(), "-- Undo of it: put the schema back.\n");
        CatalogSnapshot before = catalog();
        String history = history();

        for (String[] down :
                List.of(new String[] {"down"}, new String[] {"down-to", CONVENTIONS}, new String[] {"down-all"})) {
            Run run = run(down);
            assertThat(run.exitCode()).as(String.join(" ", down)).isEqualTo(1);
            assertThat(run.err())
                    .contains(
                            "Migration " + gadget.version() + " (add gadget table) has an empty undo, "
                                    + gadget.undo().orElseThrow(),
                            "Nothing was undone");
            assertThat(catalog().differencesFrom(before)).isEmpty();
            assertThat(history()).isEqualTo(history);
        }
        Run up = run("up");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("Nothing to apply");
    }

    @Test
    void downRefusesAnIrreversibleUndoBeforeUndoingAnyNewerOne() throws IOException, SQLException {
        addPair(
                "trim_names",
                "UPDATE widget SET name = btrim(name);\n",
                "-- Undo of the trim.\n-- keel:irreversible the untrimmed names are gone\n");
        run("create-manual", "add_gadget_table");
        String gadget = new MigrationFiles(dir).migrations().getLast().version();
        run("up");
        CatalogSnapshot before = catalog();
        String history = history();

        for (String[] down : List.of(
                new String[] {"down", "--steps", "2"},
                new String[] {"down-to", WIDGET},
                new String[] {"down-all"},
                new String[] {"sql", "--direction", "down", "--steps", "2"})) {
            Run run = run(down);
            assertThat(run.exitCode()).as(String.join(" ", down)).isEqualTo(1);
            assertThat(run.err())
                    .contains(
                            "Migration 20261122000200 (trim names) is irreversible",
                            "says \"the untrimmed names are gone\"",
                            "Nothing was undone");
            assertThat(run.out()).doesNotContain("undoing");
            assertThat(catalog().differencesFrom(before)).isEmpty();
            assertThat(history()).isEqualTo(history);
        }

        Run newest = run("down");
        assertThat(newest.exitCode()).as(newest.err()).isZero();
        assertThat(newest.out()).contains("now at version 20261122000200");
        Run irreversible = run("down");
        assertThat(irreversible.exitCode()).isEqualTo(1);
        assertThat(irreversible.err()).contains("(trim names) is irreversible");
        assertThat(run("status", "--json").out())
                .contains(
                        "\"current\":\"20261122000200\"",
                        "{\"version\":\"" + gadget + "\",\"description\":\"add gadget table\",\"state\":\"pending\"");
    }

    /** A migration after the sample's two, at version 20261122000200 on, with its undo; returns the undo. */
    private Path addPair(String name, String migration, String undo) throws IOException {
        String version = Long.toString(
                Long.parseLong(new MigrationFiles(dir).migrations().getLast().version()) + 100);
        Files.writeString(dir.resolve("migration/V" + version + "__" + name + ".sql"), migration);
        Path file = dir.resolve("undo/U" + version + "__" + name + ".sql");
        Files.writeString(file, undo);
        return file;
    }

    private CatalogSnapshot catalog() throws SQLException {
        try (Connection connection = database.connect()) {
            return CatalogSnapshot.of(connection);
        }
    }

    private String history() throws SQLException {
        return database.queryForString("SELECT string_agg(installed_rank || ' ' || version || ' ' || success, ', '"
                + " ORDER BY installed_rank) FROM flyway_schema_history");
    }

    private Run run(String... args) {
        return CommandRuns.run(dir, database, args);
    }
}
