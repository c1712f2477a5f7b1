package dev.keel.tools.migrate.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.FlywayMigrator;
import dev.keel.tools.migrate.data.RowGenerator;
import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The migration test on a real PostgreSQL 17: the shipped migrations pass, and each seeded
 * mistake (a NOT NULL column without default, a unique index over duplicates, an undo that
 * forgets an index, a default or a schema, an undo that loses rows) fails with what to fix.
 */
// Each case has its own folder and database, and most of its time is PostgreSQL's: cases run side by side.
@Execution(ExecutionMode.CONCURRENT)
class MigrationProofTest {

    private static final int ROWS = 60;
    private static final String NEXT = "20261122000200";

    @TempDir
    Path root;

    private MigrationFiles files;

    @BeforeEach
    void copyTheShippedMigrations() throws IOException {
        Path shipped = Path.of("../sample/db");
        try (Stream<Path> paths = Files.walk(shipped)) {
            for (Path file : paths.filter(Files::isRegularFile).toList()) {
                Path copy = root.resolve(shipped.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        files = new MigrationFiles(root);
    }

    @Test
    void theShippedMigrationsPassOnDataAndInTheirRoundTrip() {
        ProofReport report = prove();

        assertThat(report.failed()).as(print(report)).isFalse();
        assertThat(report.results())
                .extracting(result -> result.migration().version())
                .containsExactly("20261122000000", "20261122000100");
        assertThat(report.results())
                .allSatisfy(result -> assertThat(result.notes()).isEmpty());
        assertThat(print(report))
                .contains(
                        "ok     V20261122000100__create_widget.sql",
                        "up, down, up: same catalog, no rows lost",
                        "2 of 2 migrations passed on data and round trip.");
    }

    @Test
    void aNotNullColumnWithoutDefaultFailsOnDataNamingTheStatementAndTheTable() throws IOException {
        add(
                "add_owner",
                "-- Who owns the widget.\nALTER TABLE widget\n    ADD COLUMN owner text NOT NULL;\n",
                "ALTER TABLE widget DROP COLUMN owner;\n");

        ProofReport report = prove();

        Problem.FailsOnData failure = only(report, Problem.FailsOnData.class);
        assertThat(failure.statement().file().getFileName()).hasToString("V" + NEXT + "__add_owner.sql");
        assertThat(failure.statement().line()).isEqualTo(2);
        assertThat(failure.statement().statement()).isEqualTo("ALTER TABLE widget ADD COLUMN owner text NOT NULL");
        assertThat(failure.statement().table()).isEqualTo("widget");
        assertThat(failure.rows()).isEqualTo(ROWS);
        assertThat(failure.statement().causedByRows()).isTrue();
        assertThat(print(report))
                .contains(
                        "FAILED V" + NEXT + "__add_owner.sql  (on " + ROWS + " rows)  fails on data",
                        "V" + NEXT + "__add_owner.sql line 2: ALTER TABLE widget ADD COLUMN owner text NOT NULL",
                        "table widget (" + ROWS
                                + " rows): column \"owner\" of relation \"widget\" contains null values",
                        "Fix: Existing rows have no value for a NOT NULL column: give it a DEFAULT",
                        "2 of 3 migrations passed on data and round trip; 1 failed.");
    }

    @Test
    void theSameMigrationPassesOnAnEmptyDatabaseWhichIsWhyTheDataMatters() throws IOException {
        add(
                "add_owner",
                "ALTER TABLE widget ADD COLUMN owner text NOT NULL;\n",
                "ALTER TABLE widget DROP COLUMN owner;\n");
        PostgresEndpoint empty = TestServices.newDatabase("proof_empty");

        migrator(empty).up(NEXT);

        assertThat(prove().failed()).isTrue();
    }

    @Test
    void aUniqueIndexOverDuplicatedValuesFailsOnData() throws IOException {
        add(
                "unique_status",
                "CREATE UNIQUE INDEX widget_status_key ON widget (status);\n",
                "DROP INDEX widget_status_key;\n");

        ProofReport report = prove();

        Problem.FailsOnData failure = only(report, Problem.FailsOnData.class);
        assertThat(failure.statement().line()).isEqualTo(1);
        assertThat(failure.statement().table()).isEqualTo("widget");
        assertThat(failure.statement().message())
                .contains("could not create unique index \"widget_status_key\"", "is duplicated");
        assertThat(print(report))
                .contains(
                        "line 1: CREATE UNIQUE INDEX widget_status_key ON widget (status)",
                        "Fix: Existing rows hold duplicates");
    }

    @Test
    void anUndoThatForgetsAnIndexLeavesTheCatalogChangedAndTheSecondUpFails() throws IOException {
        add(
                "index_created_at",
                "CREATE INDEX widget_created_at_idx ON widget (created_at);\n",
                "-- forgot the index: the name is mistyped\nDROP INDEX IF EXISTS widget_created_idx;\n");

        ProofReport report = prove();

        assertThat(only(report, Problem.UndoDiffers.class).differences())
                .containsExactly(
                        "+ index CREATE INDEX widget_created_at_idx ON public.widget USING btree (created_at)");
        assertThat(only(report, Problem.ReapplyFails.class).statement().message())
                .contains("relation \"widget_created_at_idx\" already exists");
        assertThat(print(report))
                .contains(
                        "undo leaves the catalog changed, fails when applied again after its undo",
                        "After the undo the catalog differs from before the migration (- missing, + left over):",
                        "  + index CREATE INDEX widget_created_at_idx ON public.widget USING btree (created_at)",
                        "Applying it again after its undo failed:",
                        "V" + NEXT
                                + "__index_created_at.sql line 1: CREATE INDEX widget_created_at_idx ON widget (created_at)");
    }

    @Test
    void aFailingUndoIsReportedWithItsLine() throws IOException {
        add(
                "add_note",
                "ALTER TABLE widget ADD COLUMN note text;\n",
                "ALTER TABLE widget DROP COLUMN note;\nDROP INDEX widget_note_idx;\n");

        ProofReport report = prove();

        assertThat(only(report, Problem.UndoFails.class).message())
                .contains(
                        "U" + NEXT + "__add_note.sql line 2 " + "(DROP INDEX widget_note_idx)",
                        "index \"widget_note_idx\" does not exist");
        assertThat(print(report)).contains("undo fails", "The undo failed on tables holding rows: ");
    }

    @Test
    void anUndoThatForgetsADefaultOrASchemaIsADifference() throws IOException {
        add("status_default", """
                ALTER TABLE widget ALTER COLUMN status SET DEFAULT 'DRAFT';
                CREATE SCHEMA billing;
                CREATE TYPE billing.state AS ENUM ('open', 'paid');
                """, "DROP TYPE billing.state;\n");

        ProofReport report = prove();

        assertThat(only(report, Problem.UndoDiffers.class).differences())
                .containsExactlyInAnyOrder(
                        "- column widget.status text not null",
                        "+ column widget.status text not null default 'DRAFT'::text",
                        "+ schema billing");
        assertThat(only(report, Problem.ReapplyFails.class).statement().message())
                .contains("schema \"billing\" already exists");
    }

    @Test
    void anUndoThatEmptiesATableItKeepsLosesRows() throws IOException {
        add(
                "add_note",
                "ALTER TABLE widget ADD COLUMN note text;\n",
                "ALTER TABLE widget DROP COLUMN note;\nTRUNCATE widget;\n");

        ProofReport report = prove();

        assertThat(report.problems()).containsExactly(new Problem.RowsLost("widget", ROWS, 0, "after the undo"));
        assertThat(print(report))
                .contains(
                        "rows lost",
                        "Rows lost: widget held " + ROWS + " rows, 0 after the undo; the undo keeps the table");
    }

    @Test
    void aColumnAndATableTheUndoDropsLoseNoRowsItPromisedToKeep() throws IOException {
        add("rename_and_add", """
                ALTER TABLE widget ADD COLUMN note text NOT NULL DEFAULT '';
                CREATE TABLE tag (id bigint PRIMARY KEY, widget_id uuid NOT NULL REFERENCES widget, label text NOT NULL);
                """, "DROP TABLE tag;\nALTER TABLE widget DROP COLUMN note;\n");
        // Outside a transaction, as Flyway runs CONCURRENTLY: the proof's own idle session must not block it.
        Files.writeString(
                root.resolve("migration/V20261122000300__index_tag.sql"),
                "-- keel:non-transactional\nCREATE INDEX CONCURRENTLY tag_widget_idx ON tag (widget_id);\n");
        Files.writeString(root.resolve("undo/U20261122000300__index_tag.sql"), "DROP INDEX tag_widget_idx;\n");

        ProofReport report = prove();

        assertThat(report.failed()).as(print(report)).isFalse();
        assertThat(report.results())
                .hasSize(4)
                .last()
                .extracting(MigrationResult::rows)
                .isEqualTo(2L * ROWS);
    }

    @Test
    void aMigrationWithoutUndoCannotBeRoundTripped() throws IOException {
        add("add_note", "ALTER TABLE widget ADD COLUMN note text;\n", null);

        ProofReport report = prove();

        assertThat(only(report, Problem.NoUndo.class).expected()).isEqualTo("undo/U" + NEXT + "__add_note.sql");
        assertThat(print(report)).contains("no undo script", "add undo/U" + NEXT + "__add_note.sql");
    }

    @Test
    void anEmptyUndoFailsTheRoundTripAndLeavesTheMigrationApplied() throws IOException {
        add("add_note", "ALTER TABLE widget ADD COLUMN note text;\n", "-- Undo: drop the column.\n");

        ProofReport report = prove();

        assertThat(only(report, Problem.UndoFails.class).message())
                .contains("Migration " + NEXT + " (add note) has an empty undo", "Nothing was undone");
        assertThat(report.failed()).isTrue();
    }

    @Test
    void anIrreversibleMigrationIsAppliedOnDataAndWarnedAboutNotRoundTripped() throws IOException {
        add(
                "trim_names",
                "UPDATE widget SET name = btrim(name);\n",
                "-- keel:irreversible the untrimmed names are gone\n");

        ProofReport report = prove();

        assertThat(report.failed()).as(print(report)).isFalse();
        assertThat(report.results().getLast().warnings())
                .containsExactly("irreversible (the untrimmed names are gone), so not undone and redone");
        assertThat(print(report)).contains("V" + NEXT + "__trim_names.sql", "warning: irreversible");
    }

    @Test
    void anIrreversibleMarkerWithoutAReasonFailsTheRoundTrip() throws IOException {
        add("trim_names", "UPDATE widget SET name = btrim(name);\n", "-- keel:irreversible\n");

        assertThat(only(prove(), Problem.UndoFails.class).message()).contains("is irreversible", "without a reason");
    }

    @Test
    void aNotNullOnAColumnSomeRowsLeaveNullFailsOnData() throws IOException {
        add(
                "archived_not_null",
                "ALTER TABLE widget ALTER COLUMN archived_at SET NOT NULL;\n",
                "ALTER TABLE widget ALTER COLUMN archived_at DROP NOT NULL;\n");

        ProofReport report = prove();

        Problem.FailsOnData failure = only(report, Problem.FailsOnData.class);
        assertThat(failure.statement().table()).isEqualTo("widget");
        assertThat(failure.statement().message())
                .contains("column \"archived_at\" of relation \"widget\" contains null values");
    }

    @Test
    void aPartialUniqueIndexOverDuplicatedLiveRowsFailsOnData() throws IOException {
        add(
                "live_status_key",
                "CREATE UNIQUE INDEX x ON widget (status) WHERE archived_at IS NULL;\n",
                "DROP INDEX x;\n");

        ProofReport report = prove();

        assertThat(only(report, Problem.FailsOnData.class).statement().message())
                .contains("could not create unique index \"x\"", "is duplicated");
    }

    @Test
    void aUniqueConstraintOverAColumnUniqueAmongLiveRowsOnlyFailsOnData() throws IOException {
        add(
                "name_key",
                "ALTER TABLE widget ADD CONSTRAINT widget_name_key UNIQUE (name);\n",
                "ALTER TABLE widget DROP CONSTRAINT widget_name_key;\n");

        ProofReport report = prove();

        assertThat(only(report, Problem.FailsOnData.class).statement().message())
                .contains("could not create unique index \"widget_name_key\"", "is duplicated");
    }

    @Test
    void aTableTheGeneratorCannotFillIsAWarningOnTheStatusLine() throws IOException {
        add(
                "create_picky",
                "CREATE TABLE picky (id bigint PRIMARY KEY, n int NOT NULL "
                        + "CONSTRAINT picky_n_huge CHECK (n > 1000000));\n",
                "DROP TABLE picky;\n");
        Files.writeString(
                root.resolve("migration/V20261122000300__picky_small.sql"),
                "ALTER TABLE picky ALTER COLUMN n TYPE smallint;\n");
        Files.writeString(
                root.resolve("undo/U20261122000300__picky_small.sql"), "ALTER TABLE picky ALTER COLUMN n TYPE int;\n");

        ProofReport report = prove();

        assertThat(report.failed()).as(print(report)).isFalse();
        String warning = "picky: 0 rows, the generator could not fill it: ERROR: new row for relation \"picky\" "
                + "violates check constraint \"picky_n_huge\"";
        assertThat(report.results())
                .extracting(MigrationResult::warnings)
                .containsExactly(List.of(), List.of(), List.of(warning), List.of(warning));
        assertThat(report.results())
                .allSatisfy(result -> assertThat(result.notes()).isEmpty());
        assertThat(print(report))
                .contains("ok     V20261122000300__picky_small.sql  (on " + ROWS + " rows)  "
                        + "up, down, up: same catalog, no rows lost or changed; warning: " + warning + "\n");
        assertThat(print(report)).doesNotContain("Detail");
    }

    @Test
    void anUndoThatDropsAndReAddsARenamedColumnChangesRowsKeepingTheirCount() throws IOException {
        add("create_note", "CREATE TABLE note (id uuid PRIMARY KEY, body text);\n", "DROP TABLE note;\n");
        Files.writeString(
                root.resolve("migration/V20261122000300__rename_body.sql"),
                "ALTER TABLE note RENAME COLUMN body TO content;\n");
        Files.writeString(
                root.resolve("undo/U20261122000300__rename_body.sql"),
                "ALTER TABLE note DROP COLUMN content;\nALTER TABLE note ADD COLUMN body text;\n");

        ProofReport report = prove();

        Problem.RowsChanged changed = only(report, Problem.RowsChanged.class);
        assertThat(changed.table()).isEqualTo("note");
        assertThat(changed.when()).isEqualTo("after the undo");
        assertThat(changed.columns()).containsExactly("body", "id");
        // Rows whose body was NULL already keep it; every other row lost its body.
        assertThat(changed.changed()).isPositive().isLessThan(ROWS);
        assertThat(report.problems()).noneMatch(Problem.RowsLost.class::isInstance);
        assertThat(print(report))
                .contains(
                        "FAILED V20261122000300__rename_body.sql",
                        "rows changed",
                        "Rows changed: " + changed.changed() + " of the " + ROWS
                                + " rows of note hold other values after the undo");
    }

    @Test
    void anUndoThatRenamesBackAndABackfillTheTriggerStampsPass() throws IOException {
        add("create_note", "CREATE TABLE note (id uuid PRIMARY KEY, body text);\n", "DROP TABLE note;\n");
        Files.writeString(
                root.resolve("migration/V20261122000300__rename_body.sql"),
                "ALTER TABLE note RENAME COLUMN body TO content;\n");
        Files.writeString(
                root.resolve("undo/U20261122000300__rename_body.sql"),
                "ALTER TABLE note RENAME COLUMN content TO body;\n");
        // The UPDATE fires widget's trigger, which sets updated_at to now(): not a value the undo must restore.
        Files.writeString(
                root.resolve("migration/V20261122000400__widget_label.sql"),
                "ALTER TABLE widget ADD COLUMN label text;\nUPDATE widget SET label = upper(name);\n");
        Files.writeString(
                root.resolve("undo/U20261122000400__widget_label.sql"), "ALTER TABLE widget DROP COLUMN label;\n");

        ProofReport report = prove();

        assertThat(report.failed()).as(print(report)).isFalse();
        assertThat(report.results()).hasSize(5);
    }

    private ProofReport prove() {
        PostgresEndpoint database = TestServices.newDatabase("proof");
        return new MigrationProof(
                        database::connect, migrator(database), new RowGenerator(ROWS, RowGenerator.DEFAULT_SEED))
                .run(files.migrations(), "test database " + database.database());
    }

    private FlywayMigrator migrator(PostgresEndpoint database) {
        return new FlywayMigrator(new Database(database.jdbcUrl(), database.username(), database.password()), files);
    }

    private void add(String name, String sql, String undo) throws IOException {
        Files.writeString(root.resolve("migration/V" + NEXT + "__" + name + ".sql"), sql);
        if (undo != null) {
            Files.writeString(root.resolve("undo/U" + NEXT + "__" + name + ".sql"), undo);
        }
    }

    private static <T extends Problem> T only(ProofReport report, Class<T> kind) {
        List<T> found = report.problems().stream()
                .filter(kind::isInstance)
                .map(kind::cast)
                .toList();
        assertThat(found).as(print(report)).hasSize(1);
        return found.getFirst();
    }

    private static String print(ProofReport report) {
        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text));
        return text.toString();
    }
}
