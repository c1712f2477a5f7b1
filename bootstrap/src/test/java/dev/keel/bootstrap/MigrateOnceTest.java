package dev.keel.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.config.MigrationConfiguration;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The deploy job's mode: the application jar applies the migrations once and exits 0, or 1. */
class MigrateOnceTest {

    private static final Path MIGRATIONS = Path.of("../migrations/src/main/resources/db/migration");
    /** The history table db/flyway.properties names. */
    private static final String HISTORY = "\""
            + MigrationConfiguration.definition()
                    .getOrDefault("flyway.table", "flyway_schema_history")
                    .replace("\"", "\"\"")
            + "\"";

    private static String[] pointingAt(PostgresEndpoint database) {
        return new String[] {
            "--spring.datasource.url=" + database.jdbcUrl(),
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password()
        };
    }

    /** The team's migrations, whatever they are: the test holds for any fork. */
    private static List<String> versions() throws IOException {
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void appliesEveryMigrationAndSucceedsAgainWithNothingToDo() throws SQLException, IOException {
        PostgresEndpoint database = TestServices.newDatabase("migrate_once");
        List<String> versions = versions();
        assertThat(versions).isNotEmpty();

        assertThat(MigrateOnce.run(pointingAt(database))).isZero();
        assertThat(database.queryForString("SELECT count(*) FROM " + HISTORY + " WHERE success"))
                .isEqualTo(String.valueOf(versions.size()));
        assertThat(database.queryForString("SELECT max(version) FROM " + HISTORY))
                .isEqualTo(versions.getLast());

        assertThat(MigrateOnce.run(pointingAt(database))).isZero();
        assertThat(database.queryForString("SELECT count(*) FROM " + HISTORY))
                .isEqualTo(String.valueOf(versions.size()));
    }

    @Test
    void failsWithExitCodeOneWhenTheDatabaseIsUnreachable() {
        assertThat(MigrateOnce.run(
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/keel?connectTimeout=2",
                        "--spring.datasource.hikari.initialization-fail-timeout=1"))
                .isEqualTo(1);
    }

    @Test
    void refusesProductionUnlessConfirmedAndTouchesNothing() throws SQLException {
        PostgresEndpoint database = TestServices.newDatabase("migrate_once_production");

        for (Map<String, String> production : List.of(
                Map.of("KEEL_ENV", "production"),
                Map.of("SPRING_PROFILES_ACTIVE", "cloud, prod"),
                Map.of("KEEL_ENV", "prod", "CONFIRM_PRODUCTION_MIGRATION", "y"))) {
            assertThat(MigrateOnce.run(new ProductionConfirmation(production), pointingAt(database)))
                    .as("%s", production)
                    .isEqualTo(1);
        }
        assertThat(database.queryForString("SELECT to_regclass('" + HISTORY.replace("'", "''") + "') IS NULL"))
                .isEqualTo("t");

        assertThat(MigrateOnce.run(
                        new ProductionConfirmation(
                                Map.of("KEEL_ENV", "production", "CONFIRM_PRODUCTION_MIGRATION", "yes")),
                        pointingAt(database)))
                .isZero();
        assertThat(database.queryForString("SELECT count(*) > 0 FROM " + HISTORY + " WHERE success"))
                .isEqualTo("t");
    }
}
