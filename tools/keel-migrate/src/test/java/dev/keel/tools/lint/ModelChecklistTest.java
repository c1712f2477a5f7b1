package dev.keel.tools.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.migration.MigrationFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who did it in the model checklist: created_by and updated_by text NOT NULL on every new table,
 * and tables created before they joined the checklist passing once a later migration adds both.
 */
class ModelChecklistTest {

    @TempDir
    Path root;

    /** A table with the whole checklist but who created and changed its rows, plus {@code columns}. */
    static String gadget(String columns) {
        return """
                CREATE TABLE gadget (
                    id uuid PRIMARY KEY, name text NOT NULL,
                    created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
                    %sarchived_at timestamptz);
                CREATE TRIGGER gadget_touch BEFORE UPDATE ON gadget FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();
                CREATE TRIGGER gadget_forbid BEFORE DELETE ON gadget FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();
                """.formatted(columns);
    }

    private static final String ADD_BOTH = LintFixture.TIMEOUTS
            + "ALTER TABLE gadget ADD COLUMN created_by text NOT NULL DEFAULT 'unknown',\n"
            + "    ADD COLUMN updated_by text NOT NULL DEFAULT 'unknown';\n";

    private List<Finding> checklistFindings(String... migrations) {
        MigrationFiles files = LintFixture.write(root, migrations);
        return new MigrationLinter(ReleaseHistory.everyFileReleased("test"))
                .lint(files, List.of()).findings().stream()
                        .filter(finding -> finding.rule().equals("model-checklist"))
                        .toList();
    }

    @Test
    void aNewTableNeedsCreatedByAndUpdatedByTextNotNull() {
        assertThat(checklistFindings(gadget("")))
                .singleElement()
                .extracting(Finding::message)
                .isEqualTo(
                        "table gadget misses the model checklist's created_by text NOT NULL, updated_by text NOT NULL");
        assertThat(checklistFindings(gadget("created_by text NOT NULL, updated_by text, ")))
                .as("a nullable updated_by")
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .endsWith("checklist's updated_by text NOT NULL");
        assertThat(checklistFindings(gadget("created_by text NOT NULL, updated_by uuid NOT NULL, ")))
                .as("an updated_by that holds no subject")
                .hasSize(1);
    }

    @Test
    void aNewTableWithBothPasses() {
        assertThat(checklistFindings(gadget("created_by text NOT NULL, updated_by text NOT NULL, ")))
                .isEmpty();
        assertThat(checklistFindings(gadget("") + ADD_BOTH))
                .as("added in the same file")
                .isEmpty();
    }

    @Test
    void aTableCreatedBeforeTheyJoinedTheChecklistPassesOnceALaterMigrationAddsBoth() {
        assertThat(checklistFindings(gadget(""), ADD_BOTH)).isEmpty();
        assertThat(checklistFindings(gadget(""), "SELECT 1;", ADD_BOTH))
                .as("any later migration")
                .isEmpty();
    }

    @Test
    void theFindingStaysOnTheCreateTableWhileALaterMigrationAddsOnlyOne() {
        List<Finding> findings = checklistFindings(
                gadget(""),
                LintFixture.TIMEOUTS + "ALTER TABLE gadget ADD COLUMN created_by text NOT NULL DEFAULT 'x';");

        assertThat(findings).singleElement().satisfies(finding -> {
            assertThat(finding.file()).endsWith("V20260101000000__m0.sql");
            assertThat(finding.line()).isEqualTo(1);
        });
    }

    @Test
    void aLaterMigrationExcusesNoOtherPartOfTheChecklist() {
        String withoutArchivedAt = gadget("").replace("archived_at timestamptz", "note text");

        assertThat(checklistFindings(withoutArchivedAt, ADD_BOTH))
                .singleElement()
                .extracting(Finding::message)
                .asString()
                .contains("archived_at timestamptz (nullable)", "created_by text NOT NULL");
    }

    @Test
    void aKeelAllowBeforeTheTableStillCovers() {
        assertThat(checklistFindings("-- keel:allow model-checklist a queue, not a domain table\n" + gadget("")))
                .isEmpty();
    }
}
