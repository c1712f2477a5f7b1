package dev.keel.tools.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keel's migrations at midnight named keel_..., the team's never: the rule, and what validate says of each side. */
class KeelRangeTest {

    @TempDir
    Path root;

    @Test
    void keelsMigrationsHaveBothMarksAndTheTeamsNeither() {
        assertThat(KeelRange.keels("20261122000000", "keel_conventions")).isTrue();
        assertThat(KeelRange.keelsScript("V20261122000000__keel_conventions.sql"))
                .isTrue();
        assertThat(KeelRange.keelsScript("db/migration/V20261122000000__keel_conventions.sql"))
                .isTrue();
        assertThat(KeelRange.keels("20261122000100", "keel_conventions")).isFalse();
        assertThat(KeelRange.keels("20261122000000", "create_widget")).isFalse();
        assertThat(KeelRange.keelsScript("V20261122000100__create_widget.sql")).isFalse();
        assertThat(KeelRange.keelsScript("V1__keel_x.sql")).isFalse();
        assertThat(KeelRange.keelsScript("<< Flyway Baseline >>")).isFalse();
        assertThat(KeelRange.keelsScript(null)).isFalse();
        assertThat(KeelRange.reserved("20261122000000")).isTrue();
        assertThat(KeelRange.reserved("20261122000001")).isFalse();
        assertThat(KeelRange.reserved("20261122100000")).isFalse();
    }

    @Test
    void theShippedConventionsAreKeels() throws IOException {
        MigrationFiles shipped = new MigrationFiles(Path.of("../../migrations/src/main/resources/db"));
        assertThat(shipped.migrations())
                .filteredOn(migration -> migration.name().equals("keel_conventions"))
                .singleElement()
                .satisfies(migration -> assertThat(KeelRange.keels(migration.version(), migration.name()))
                        .isTrue());
        assertThat(shipped.problems()).isEmpty();
    }

    @Test
    void validateNamesAKeelPrefixOffMidnightAndATeamMigrationAtMidnightWithTheFix() throws IOException {
        pair("20261122000000", "keel_conventions");
        pair("20261123101500", "keel_audit");
        pair("20261124000000", "create_gadget");
        pair("20261125093000", "create_gizmo");
        Files.writeString(root.resolve("undo/U20261126000000__orphan.sql"), "SELECT 1;\n");

        assertThat(new MigrationFiles(root).problems())
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith(root.resolve("migration/V20261123101500__keel_audit.sql") + ": the prefix keel_ "
                                + "is reserved for Keel's own migrations")
                        .contains("V20261123101500__audit.sql", "make template-sync"))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith(root.resolve("migration/V20261124000000__create_gadget.sql") + ": version "
                                + "20261124000000 is at midnight (yyyyMMdd000000), which is reserved for Keel's own")
                        .contains("make migrate-rebase", "V20261124000001__create_gadget.sql"))
                .anySatisfy(problem -> assertThat(problem)
                        .startsWith(root.resolve("undo/U20261126000000__orphan.sql") + ": version 20261126000000 is at "
                                + "midnight"))
                .noneSatisfy(problem -> assertThat(problem).contains("keel_conventions"))
                .noneSatisfy(problem -> assertThat(problem).contains("create_gizmo"))
                .noneSatisfy(problem -> assertThat(problem)
                        .startsWith(root.resolve("undo/U20261124000000").toString()));
    }

    @Test
    void theTeamsVersionsSkipMidnight() {
        assertThat(KeelRange.teamVersion("20261207000000")).isEqualTo("20261207000001");
        assertThat(KeelRange.teamVersion("20261207000100")).isEqualTo("20261207000100");
        assertThat(KeelRange.teamTime(LocalDateTime.parse("2026-12-07T00:00:00")))
                .isEqualTo(LocalDateTime.parse("2026-12-07T00:00:01"));
        assertThat(KeelRange.teamTime(LocalDateTime.parse("2026-12-06T23:59:59")))
                .isEqualTo(LocalDateTime.parse("2026-12-06T23:59:59"));
    }

    @Test
    void aNewTeamMigrationNamedLikeKeelsIsRefused() {
        assertThatThrownBy(() -> KeelRange.requireTeamName("keel_audit"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("'keel_audit' starts with keel_, which is reserved for Keel's own migrations")
                .hasMessageContaining("such as 'audit'");
        KeelRange.requireTeamName("keelhaul_audit");
        KeelRange.requireTeamName("add_keel_flag");
    }

    private void pair(String version, String name) throws IOException {
        Files.createDirectories(root.resolve("migration"));
        Files.createDirectories(root.resolve("undo"));
        Files.writeString(root.resolve("migration/V" + version + "__" + name + ".sql"), "CREATE TABLE t (id int);\n");
        Files.writeString(root.resolve("undo/U" + version + "__" + name + ".sql"), "DROP TABLE t;\n");
    }
}
