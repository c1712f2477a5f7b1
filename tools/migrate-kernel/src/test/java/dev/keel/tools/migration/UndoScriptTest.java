package dev.keel.tools.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an undo script promises, read from the file: statements, a reasoned irreversibility, or nothing. */
class UndoScriptTest {

    @TempDir
    Path root;

    @Test
    void theMarkerTakesTheRestOfItsLineAsTheReason() throws IOException {
        assertThat(undo("-- Undo of the backfill.\n-- keel:irreversible  old prices are gone \n")
                        .irreversibleReason())
                .contains("old prices are gone");
        assertThat(undo("--KEEL:IRREVERSIBLE rows deleted\n").irreversibleReason())
                .contains("rows deleted");
        assertThat(undo("-- keel:irreversible\n").irreversibleReason()).contains("");
        assertThat(undo("-- keel:irreversible-ish, not a marker\n-- see -- keel:irreversible x\n")
                        .irreversibleReason())
                .isEmpty();
        assertThat(undo("SELECT '-- keel:irreversible no';\n").irreversibleReason())
                .isEmpty();
    }

    @Test
    void anUndoWithoutAStatementIsAProblemOnlyWhenItsMigrationHasOne() throws IOException {
        UndoScript empty = undo("-- nothing\n;\n");
        assertThat(empty.hasStatements()).isFalse();
        assertThat(empty.problem(migration("UPDATE t SET n = 0;\n"))).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith(empty.file() + ": has no statement")
                .contains("V20260101000000__change.sql", "-- keel:irreversible <reason>"));
        assertThat(empty.refusal(migration("UPDATE t SET n = 0;\n"))).hasValueSatisfying(refusal -> assertThat(refusal)
                .startsWith("Migration 20260101000000 (change) has an empty undo, " + empty.file())
                .contains("Nothing was undone"));
        assertThat(empty.problem(migration("-- a placeholder\n"))).isEmpty();
        assertThat(empty.refusal(migration("-- a placeholder\n"))).isEmpty();
    }

    @Test
    void aMarkedUndoIsValidWithAReasonAndAlwaysRefused() throws IOException {
        MigrationFiles.Migration migration = migration("UPDATE t SET n = 0;\n");

        UndoScript reasoned = undo("-- keel:irreversible the old n are gone\n");
        assertThat(reasoned.problem(migration)).isEmpty();
        assertThat(reasoned.refusal(migration))
                .contains("Migration 20260101000000 (change) is irreversible: " + reasoned.file()
                        + " says \"the old n are gone\". Nothing was undone; to go back, restore a backup"
                        + " (make restore-db) or write a new migration.");

        UndoScript bare = undo("-- keel:irreversible\n");
        assertThat(bare.problem(migration)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith(bare.file() + ": -- keel:irreversible needs its reason"));
        assertThat(bare.refusal(migration))
                .hasValueSatisfying(refusal -> assertThat(refusal).contains("is irreversible", "without a reason"));

        UndoScript both = undo("-- keel:irreversible the old n are gone\nSELECT 1;\n");
        assertThat(both.problem(migration)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith(both.file() + ": is marked -- keel:irreversible but has statements"));
        assertThat(both.refusal(migration)).isPresent();
    }

    @Test
    void anUndoWithStatementsIsFine() throws IOException {
        UndoScript undo = undo("-- Undo.\nDROP TABLE t;\n");
        MigrationFiles.Migration migration = migration("CREATE TABLE t (n int);\n");

        assertThat(undo.problem(migration)).isEmpty();
        assertThat(undo.refusal(migration)).isEmpty();
    }

    @Test
    void theTemplatesUndoDropsTheTableItsMigrationCreates() throws IOException {
        Templates.Pair pair = Templates.pair("add_gadgets_table", "V20260101120000__add_gadgets_table.sql");
        Files.createDirectories(root.resolve("migration"));
        Files.createDirectories(root.resolve("undo"));
        Files.writeString(root.resolve("migration/V20260101120000__add_gadgets_table.sql"), pair.migration());
        Files.writeString(root.resolve("undo/U20260101120000__add_gadgets_table.sql"), pair.undo());

        assertThat(pair.migration()).contains("CREATE TABLE gadgets (", "CREATE TRIGGER gadgets_forbid_delete");
        assertThat(pair.undo()).contains("-- Undo of V20260101120000__add_gadgets_table.sql", "DROP TABLE gadgets;");
        assertThat(new MigrationFiles(root).problems()).isEmpty();
    }

    private UndoScript undo(String text) throws IOException {
        Path file = Files.createTempFile(root, "U", ".sql");
        Files.writeString(file, text);
        return UndoScript.read(file);
    }

    private MigrationFiles.Migration migration(String text) throws IOException {
        Path file = root.resolve("V20260101000000__change.sql");
        Files.writeString(file, text);
        return new MigrationFiles.Migration("20260101000000", "change", file, Optional.empty());
    }
}
