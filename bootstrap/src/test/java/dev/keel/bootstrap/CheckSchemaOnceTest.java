package dev.keel.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** make migrate-check's mode: exit 0 on a schema the migrations built, 1 where the statements fail. */
class CheckSchemaOnceTest {

    private static String[] pointingAt(PostgresEndpoint database) {
        return new String[] {"--spring.datasource.url=" + database.jdbcUrl(),
            "--spring.datasource.username=" + database.username(),
            "--spring.datasource.password=" + database.password(),
            "--keel.schema-check.migrations=../migrations/src/main/resources/db"};
    }

    @Test
    void passesOnTheMigratedSchemaAndChangesNothing() throws SQLException {
        PostgresEndpoint database = TestServices.newDatabase("check_schema");
        assertThat(MigrateOnce.run(pointingAt(database))).isZero();

        assertThat(CheckSchemaOnce.run(pointingAt(database))).isZero();
        assertThat(database.queryForString("SELECT count(*) FROM widget")).isEqualTo("0");
    }

    @Test
    void failsOnASchemaTheStatementsDoNotFit() throws SQLException {
        PostgresEndpoint database = TestServices.newDatabase("check_schema_empty");

        assertThat(CheckSchemaOnce.run(pointingAt(database))).isEqualTo(1);
        assertThat(database.queryForString("SELECT to_regclass('flyway_schema_history') IS NULL"))
                .as("never migrates").isEqualTo("t");
    }
}
