package dev.keel.tools.migrate.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The throwaway embedded PostgreSQL the CLI uses when no server is configured. */
class ScratchDatabaseTest {

    @Test
    void anEmbeddedScratchServerAnswersAsKeelAndIsGoneAfterClose() throws SQLException {
        ScratchDatabase scratch = ScratchDatabase.embedded();
        try (scratch;
                Connection connection = scratch.open();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT current_user || ' ' || current_database() || ' ' || current_setting('server_version_num')")) {
            result.next();
            assertThat(result.getString(1)).startsWith("keel keel_trace 17");
            assertThat(scratch.description()).startsWith("throwaway embedded PostgreSQL on port ");
        }
        assertThatThrownBy(scratch::open).isInstanceOf(SQLException.class);
    }
}
