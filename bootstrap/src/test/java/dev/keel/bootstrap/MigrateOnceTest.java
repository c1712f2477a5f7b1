package dev.keel.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The deploy job's mode: the application jar applies the migrations once and exits 0, or 1. */
class MigrateOnceTest {

    private static String[] pointingAt(PostgresEndpoint database) {
        return new String[] {"--spring.datasource.url=" + database.jdbcUrl(),
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password()};
    }

    @Test
    void appliesEveryMigrationAndSucceedsAgainWithNothingToDo() throws SQLException {
        PostgresEndpoint database = TestServices.newDatabase("migrate_once");

        assertThat(MigrateOnce.run(pointingAt(database))).isZero();
        assertThat(database.queryForString("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo("2");
        assertThat(database.queryForString("SELECT to_regclass('widget') IS NOT NULL")).isEqualTo("t");

        assertThat(MigrateOnce.run(pointingAt(database))).isZero();
        assertThat(database.queryForString("SELECT count(*) FROM flyway_schema_history")).isEqualTo("2");
    }

    @Test
    void failsWithExitCodeOneWhenTheDatabaseIsUnreachable() {
        assertThat(MigrateOnce.run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/keel?connectTimeout=2",
                "--spring.datasource.hikari.initialization-fail-timeout=1")).isEqualTo(1);
    }
}
