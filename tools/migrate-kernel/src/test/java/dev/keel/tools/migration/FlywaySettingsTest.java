package dev.keel.tools.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** db/flyway.properties, the one definition of how Flyway runs the migrations, as keel-migrate reads it. */
class FlywaySettingsTest {

    @TempDir
    Path root;

    @Test
    void aFolderWithoutTheFileGetsKeelsSettings() {
        FlywaySettings settings = FlywaySettings.of(root);

        assertThat(settings.table()).isEqualTo("flyway_schema_history");
        assertThat(settings.placeholders()).isEmpty();
        assertThat(settings.properties())
                .containsEntry("flyway.postgresql.transactional.lock", "false")
                .containsEntry("flyway.validateMigrationNaming", "true");
    }

    @Test
    void readsTheTableThePlaceholdersAndReadsTheLocationFromTheSourceTree() throws IOException {
        Files.writeString(root.resolve("flyway.properties"), """
                # comments and blank lines are fine

                flyway.locations = classpath:db/migration
                flyway.table=app_history
                flyway.placeholders.owner=orders_app
                flyway.placeholders.region = eu
                """);

        FlywaySettings settings = FlywaySettings.of(root);

        assertThat(settings.table()).isEqualTo("app_history");
        assertThat(settings.quotedTable()).isEqualTo("\"app_history\"");
        assertThat(settings.placeholders())
                .containsExactly(java.util.Map.entry("owner", "orders_app"), java.util.Map.entry("region", "eu"));
        assertThat(settings.forSourceTree(root))
                .containsEntry(
                        "flyway.locations",
                        "filesystem:" + root.resolve("migration").toAbsolutePath())
                .containsEntry("flyway.table", "app_history");
    }

    @Test
    void aQuotedTableNameIsSafeToSplice() throws IOException {
        Files.writeString(root.resolve("flyway.properties"), "flyway.table=odd\"name\n");

        assertThat(FlywaySettings.of(root).quotedTable()).isEqualTo("\"odd\"\"name\"");
    }

    @Test
    void refusesWhatTheApplicationAndKeelMigrateCouldNotBothFollow() throws IOException {
        Path file = Files.writeString(root.resolve("flyway.properties"), "table=app_history\n");
        assertThatThrownBy(() -> FlywaySettings.of(root))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'table' is not a Flyway setting");

        Files.writeString(file, "flyway.defaultSchema=orders\n");
        assertThatThrownBy(() -> FlywaySettings.of(root))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("flyway.defaultSchema")
                .hasMessageContaining("search_path");

        Files.writeString(file, "flyway.locations=classpath:db/migration,filesystem:/elsewhere\n");
        assertThatThrownBy(() -> FlywaySettings.of(root))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("flyway.locations")
                .hasMessageContaining("classpath:db/migration");
    }
}
