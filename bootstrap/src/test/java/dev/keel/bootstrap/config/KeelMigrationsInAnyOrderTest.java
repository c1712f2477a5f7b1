package dev.keel.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migration.KeelRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application's migration (every start, and the deploy job's migrate mode) applies a Keel migration that a
 * template update dated before the newest applied one, and refuses a team's, as keel-migrate does. On PostgreSQL 17.
 */
class KeelMigrationsInAnyOrderTest {

    @TempDir
    Path dir;

    @Test
    void aKeelMigrationOlderThanTheNewestAppliedIsAppliedAndATeamOneRefused() throws IOException, SQLException {
        PostgresEndpoint database = TestServices.newDatabase("keel_in_any_order");
        add("20261201101500", "team_a");
        add("20261203101500", "team_b");
        MigrationConfiguration.migrate(flyway(database));

        add("20261202000000", "keel_audit");
        assertThat(MigrationConfiguration.migrate(flyway(database)).migrationsExecuted)
                .isEqualTo(1);
        assertThat(database.queryForString("SELECT to_regclass('keel_audit') IS NOT NULL"))
                .isEqualTo("t");
        assertThat(flyway(database).validateWithResult().validationSuccessful).isTrue();
        assertThat(flyway(database).info().current().getVersion().getVersion()).isEqualTo("20261203101500");
        assertThat(MigrationConfiguration.migrate(flyway(database)).migrationsExecuted)
                .isZero();

        add("20261202101500", "team_late");
        add("20261201000000", "keel_more");
        assertThatThrownBy(() -> MigrationConfiguration.migrate(flyway(database)))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("Detected resolved migration not applied to database: 20261202101500");
        assertThat(database.queryForString(
                        "SELECT to_regclass('team_late') IS NULL AND to_regclass('keel_more') IS NULL"))
                .isEqualTo("t");
    }

    @Test
    void keelsMigrationsAreTheOnesKeelMigrateCallsKeels() {
        for (String script : List.of(
                "V20261122000000__keel_conventions.sql",
                "V20261122000100__create_widget.sql",
                "V20261122000000__create_widget.sql",
                "V20261122000100__keel_conventions.sql",
                "V20261122000000__keel_x.sql",
                "db/migration/V20261122000000__keel_conventions.sql",
                "V1__keel_x.sql")) {
            assertThat(MigrationConfiguration.keels(script)).as(script).isEqualTo(KeelRange.keelsScript(script));
        }
        assertThat(MigrationConfiguration.keels("V20261122000000__keel_conventions.sql"))
                .isTrue();
    }

    private void add(String version, String name) throws IOException {
        Files.writeString(dir.resolve("V" + version + "__" + name + ".sql"), "CREATE TABLE " + name + " (id int);\n");
    }

    /** Flyway as the application configures it, on this test's files. */
    private Flyway flyway(PostgresEndpoint database) {
        return Flyway.configure()
                .configuration(MigrationConfiguration.definition())
                .locations("filesystem:" + dir.toAbsolutePath())
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .load();
    }
}
