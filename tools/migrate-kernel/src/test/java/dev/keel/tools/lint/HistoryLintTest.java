package dev.keel.tools.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.keel.tools.migration.MigrationHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A history in another tool's layout checked the way it ran: a release per step, each down right after its up. */
class HistoryLintTest {

    private static final String TIMEOUTS = "SET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '60s';\n";

    /** A table that follows Keel's model checklist, with a short varchar and no delete guard, so DELETE is allowed. */
    private static final String CREATE_LOG = """
            -- keel:allow model-checklist an append-only log, pruned by the application
            CREATE TABLE log (
                id uuid PRIMARY KEY, note varchar(10), created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(), created_by text NOT NULL, updated_by text NOT NULL,
                archived_at timestamptz);
            """;

    @TempDir
    Path dir;

    private Path write(String name, String sql) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, sql);
    }

    private static List<Finding> in(LintResult result, Path file) {
        return result.findings().stream()
                .filter(finding -> finding.file().equals(file.toString()))
                .toList();
    }

    @Test
    void aDownIsCheckedAgainstTheSchemaRightAfterItsUp() throws IOException {
        write("1_log/up.sql", CREATE_LOG);
        Path firstDown = write("1_log/down.sql", TIMEOUTS + "DELETE FROM log;\nDROP TABLE log;\n");
        // The next up guards log against deletes: the first down runs before it, so its DELETE is no hard delete.
        Path secondUp = write(
                "2_guard/up.sql",
                TIMEOUTS
                        + "CREATE TRIGGER log_forbid BEFORE DELETE ON log FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();\n");

        LintResult result = MigrationLinter.lint(MigrationHistory.read(List.of(dir), Optional.empty()));

        // log was released by its up, so the down drops a live table.
        assertThat(in(result, firstDown))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(Rule.DROP_TABLE.id(), 4));
        assertThat(in(result, secondUp)).isEmpty();
        assertThat(result.filesChecked()).isEqualTo(3);
    }

    @Test
    void whatADownChangesDoesNotCarryOverToTheNextUp() throws IOException {
        write("1_log/up.sql", CREATE_LOG);
        Path firstDown =
                write("1_log/down.sql", TIMEOUTS + "ALTER TABLE log ALTER COLUMN note TYPE integer USING 0;\n");
        // varchar to text rewrites nothing; integer to text would, had the down's change stayed in the model.
        Path secondUp = write("2_widen/up.sql", TIMEOUTS + "ALTER TABLE log ALTER COLUMN note TYPE text;\n");

        LintResult result = MigrationLinter.lint(MigrationHistory.read(List.of(dir), Optional.empty()));

        assertThat(in(result, firstDown)).extracting(Finding::rule).contains(Rule.REWRITING_TYPE_CHANGE.id());
        assertThat(in(result, secondUp)).isEmpty();
    }

    @Test
    void everyStepIsItsOwnReleaseSoWhatOneCreatesIsLiveForTheNext() throws IOException {
        Path first = write("1_create.up.sql", CREATE_LOG);
        Path second = write("2_rename.up.sql", TIMEOUTS + "ALTER TABLE log RENAME COLUMN note TO remark;\n");
        Path third = write(
                "3_same_file.up.sql",
                CREATE_LOG.replace("log", "other") + "ALTER TABLE other RENAME COLUMN note TO remark;\n");

        LintResult result = MigrationLinter.lint(MigrationHistory.read(List.of(dir), Optional.empty()));

        assertThat(in(result, first)).extracting(Finding::rule).containsExactly(Rule.VARCHAR_LENGTH.id());
        assertThat(in(result, second))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(Rule.RENAME_COLUMN.id(), 3));
        assertThat(in(result, third)).extracting(Finding::rule).doesNotContain(Rule.RENAME_COLUMN.id());
    }

    @Test
    void alembicRevisionsAreReleasesOnTheLinesOfTheOutputAndItsBookkeepingIsSilent() throws IOException {
        Path upgrade = copy("upgrade.sql");
        Path downgrade = copy("downgrade.sql");

        LintResult result = MigrationLinter.lint(MigrationHistory.read(List.of(upgrade, downgrade), Optional.empty()));

        // Revision 2 renames a column revision 1 released; the autocommit block's CONCURRENTLY index is clean.
        assertThat(in(result, upgrade))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(tuple(Rule.RENAME_COLUMN.id(), 31));
        // Each downgrade runs right after its own upgrade: the column, the index and the table are live.
        assertThat(in(result, downgrade))
                .extracting(Finding::rule, Finding::line)
                .containsExactlyInAnyOrder(
                        tuple(Rule.LOCK_TIMEOUT.id(), 5),
                        tuple(Rule.DROP_INDEX_CONCURRENTLY.id(), 5),
                        tuple(Rule.DROP_COLUMN.id(), 13),
                        tuple(Rule.RENAME_COLUMN.id(), 15),
                        tuple(Rule.LOCK_TIMEOUT.id(), 21),
                        tuple(Rule.DROP_TABLE.id(), 21));
        assertThat(result.filesChecked()).isEqualTo(6);
    }

    private Path copy(String name) throws IOException {
        try (var in = getClass().getResourceAsStream("/alembic/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }
}
