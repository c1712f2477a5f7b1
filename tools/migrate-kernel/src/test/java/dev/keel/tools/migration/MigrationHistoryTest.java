package dev.keel.tools.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every layout read into steps in the order its tool runs them, each with its down script. */
class MigrationHistoryTest {

    @TempDir
    Path dir;

    private Path write(String name, String sql) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, sql);
    }

    private MigrationHistory read(Path... paths) {
        return MigrationHistory.read(List.of(paths), Optional.empty());
    }

    private static List<String> ups(MigrationHistory history) {
        return history.steps().stream()
                .map(step -> step.up().file().getFileName().toString())
                .toList();
    }

    @Test
    void versionsSortAsNumbersWherePlainStringOrderDiffers() {
        List<String> names = new java.util.ArrayList<>(List.of(
                "10_y",
                "2_x",
                "1_a",
                "20150100000001000000_b",
                "9150100000001000000_a",
                "002_z",
                "2019-02-27_b",
                "2019-02-26-002946_a"));
        names.sort(VersionOrder.NATURAL);

        assertThat(names)
                .containsExactly(
                        "1_a",
                        "2_x",
                        "002_z",
                        "10_y",
                        "2019-02-26-002946_a",
                        "2019-02-27_b",
                        "9150100000001000000_a",
                        "20150100000001000000_b");
    }

    @Test
    void dieselFoldersGiveUpAndDownInVersionOrder() throws IOException {
        write("2_add_note/up.sql", "ALTER TABLE t ADD COLUMN note text;\n");
        write("2_add_note/down.sql", "ALTER TABLE t DROP COLUMN note;\n");
        write("10_index/up.sql", "CREATE INDEX CONCURRENTLY t_note_idx ON t (note);\n");
        write("10_index/metadata.toml", "run_in_transaction = false\n");
        write("1_create/up.sql", "CREATE TABLE t (id uuid PRIMARY KEY);\n");

        MigrationHistory history = read(dir);

        assertThat(history.steps())
                .extracting(MigrationHistory.Step::name)
                .containsExactly("1_create", "2_add_note", "10_index");
        assertThat(history.steps().get(1).down())
                .map(down -> down.file().getFileName().toString())
                .contains("down.sql");
        assertThat(history.steps().get(0).down()).isEmpty();
        assertThat(history.steps().get(2).up().noTransaction()).isTrue();
        assertThat(history.steps().get(1).up().noTransaction()).isFalse();
        assertThat(history.description()).contains("diesel");
    }

    @Test
    void upDownFilesPairByNameAndSortByVersion() throws IOException {
        write("10_b.up.sql", "SELECT 10;\n");
        write("10_b.down.sql", "SELECT -10;\n");
        write("2_a.up.sql", "SELECT 2;\n");
        write("2_a.down.sql", "SELECT -2;\n");
        write("3_c.up.sql", "-- no-transaction\nCREATE INDEX CONCURRENTLY i ON t (n);\n");

        MigrationHistory history = read(dir);

        assertThat(ups(history)).containsExactly("2_a.up.sql", "3_c.up.sql", "10_b.up.sql");
        assertThat(history.steps().getFirst().down())
                .map(down -> down.file().getFileName().toString())
                .contains("2_a.down.sql");
        assertThat(history.steps().get(1).up().noTransaction()).isTrue();
    }

    @Test
    void aFolderForSeveralDatabasesNeedsIncludeAndKeepsTheFilesForEveryDatabase() throws IOException {
        write("1_a.postgres.up.sql", "SELECT 1;\n");
        write("1_a.mysql.up.sql", "SELECT 1;\n");
        write("1_a.down.sql", "SELECT -1;\n");
        write("2_b.up.sql", "SELECT 2;\n");
        write("3_c.mysql.up.sql", "SELECT 3;\n");
        write("4_d.postgres.autocommit.up.sql", "CREATE INDEX CONCURRENTLY i ON t (n);\n");
        write("4_d.mysql.autocommit.up.sql", "CREATE INDEX i ON t (n);\n");

        assertThatThrownBy(() -> read(dir))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("[mysql, postgres]")
                .hasMessageContaining("--include");
        MigrationHistory postgres = MigrationHistory.read(List.of(dir), Optional.of("*.postgres.*"));

        assertThat(ups(postgres))
                .containsExactly("1_a.postgres.up.sql", "2_b.up.sql", "4_d.postgres.autocommit.up.sql");
        assertThat(postgres.steps().getFirst().down())
                .map(down -> down.file().getFileName().toString())
                .contains("1_a.down.sql");
        assertThat(postgres.steps().getLast().up().noTransaction()).isTrue();
    }

    @Test
    void includeFiltersAFolderWithoutDatabases() throws IOException {
        write("1_a.up.sql", "SELECT 1;\n");
        write("2_b.up.sql", "SELECT 2;\n");

        assertThat(ups(MigrationHistory.read(List.of(dir), Optional.of("2_*")))).containsExactly("2_b.up.sql");
    }

    @Test
    void flywayVersionsSortByTheirPartsAndFindTheirUndo() throws IOException {
        write("V10__d.sql", "SELECT 10;\n");
        write("V1_1__b.sql", "SELECT 11;\n");
        write("V2__c.sql", "SELECT 2;\n");
        write("V1__a.sql", "SELECT 1;\n");
        write("U1__a.sql", "SELECT -1;\n");

        MigrationHistory history = read(dir);

        assertThat(ups(history)).containsExactly("V1__a.sql", "V1_1__b.sql", "V2__c.sql", "V10__d.sql");
        assertThat(history.steps().getFirst().down())
                .map(down -> down.file().getFileName().toString())
                .contains("U1__a.sql");
    }

    @Test
    void keelsOwnFolderIsReadAsFlyway() throws IOException {
        write("migration/V20260101000000__a.sql", "SELECT 1;\n");
        write("undo/U20260101000000__a.sql", "SELECT -1;\n");

        MigrationHistory history = read(dir);

        assertThat(ups(history)).containsExactly("V20260101000000__a.sql");
        assertThat(history.steps().getFirst().down()).isPresent();
    }

    @Test
    void plainFilesAreStepsInVersionOrder() throws IOException {
        write("20240110_b.sql", "SELECT 2;\n");
        write("2024011_a.sql", "-- no-transaction\nSELECT 1;\n");
        write("notes.txt", "not a migration");

        MigrationHistory history = read(dir);

        assertThat(ups(history)).containsExactly("2024011_a.sql", "20240110_b.sql");
        assertThat(history.steps().getFirst().up().noTransaction()).isTrue();
    }

    @Test
    void filesGivenOneByOneKeepTheirOrderAndADownJoinsItsUp() throws IOException {
        Path b = write("b.sql", "SELECT 2;\n");
        Path a = write("a.up.sql", "SELECT 1;\n");
        Path aDown = write("a.down.sql", "SELECT -1;\n");

        MigrationHistory history = read(b, a, aDown);

        assertThat(ups(history)).containsExactly("b.sql", "a.up.sql");
        assertThat(history.steps().getLast().down())
                .map(MigrationHistory.Script::file)
                .contains(aDown);
    }

    @Test
    void gooseAndDbmateSectionsSplitWithTheirLineNumbers() throws IOException {
        Path goose = write("1_goose.sql", """
                -- +goose Up
                CREATE TABLE t (id uuid);
                -- +goose Down
                DROP TABLE t;
                """);
        Path dbmate = write("2_dbmate.sql", """
                -- migrate:up transaction:false
                CREATE INDEX CONCURRENTLY i ON t (id);

                -- migrate:down
                DROP INDEX i;
                """);

        MigrationHistory history = read(goose, dbmate);

        MigrationHistory.Step first = history.steps().getFirst();
        assertThat(first.up().sql().lines().toList()).containsExactly("", "CREATE TABLE t (id uuid);");
        assertThat(first.down())
                .map(down -> down.sql().lines().toList())
                .contains(List.of("", "", "", "DROP TABLE t;"));
        MigrationHistory.Step second = history.steps().getLast();
        assertThat(second.up().noTransaction()).isTrue();
        assertThat(second.down()).map(MigrationHistory.Script::noTransaction).contains(false);
    }

    @Test
    void alembicOutputIsAStepPerRevisionOnTheLinesOfTheFileWithoutItsBookkeeping() throws IOException {
        Path upgrade = copy("upgrade.sql");
        Path downgrade = copy("downgrade.sql");

        MigrationHistory history = read(upgrade, downgrade);

        assertThat(history.steps())
                .extracting(MigrationHistory.Step::name)
                .containsExactly("5b1f0c2d9e01", "7c2e4a6b8d10", "3a9c0e1f2b7d");
        assertThat(history.steps()).allSatisfy(step -> assertThat(step.down()).isPresent());
        List<String> second = history.steps().get(1).up().sql().lines().toList();
        assertThat(second.get(30)).isEqualTo("ALTER TABLE author RENAME name TO full_name;");
        assertThat(String.join("\n", second)).doesNotContain("alembic_version", "BEGIN", "COMMIT");
        assertThat(history.steps().get(1).up().part()).isEqualTo("upgrade 5b1f0c2d9e01 -> 7c2e4a6b8d10");
        // The autocommit block: COMMIT, the CONCURRENTLY index, BEGIN.
        assertThat(history.steps().get(2).up().noTransaction()).isTrue();
        assertThat(history.steps().get(1).up().noTransaction()).isFalse();
        assertThat(history.steps()
                        .getFirst()
                        .down()
                        .orElseThrow()
                        .sql()
                        .lines()
                        .toList()
                        .get(20))
                .isEqualTo("DROP TABLE author;");
    }

    @Test
    void aMissingPathIsNamed() {
        assertThatThrownBy(() -> read(dir.resolve("nope"))).hasMessageContaining("nope");
    }

    private Path copy(String name) throws IOException {
        try (var in = getClass().getResourceAsStream("/alembic/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }
}
