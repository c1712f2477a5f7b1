package dev.keel.tools.migrate.flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes PostgreSQL notice, within a second, that the migrating client is gone. Without it, a make migrate-up
 * killed in the middle of a long statement leaves its server process running that statement to the end, holding
 * its locks on a live table all the while, before the transaction is rolled back. PostgreSQL 14 and newer check
 * the socket every {@code client_connection_check_interval}; an older server ignores the setting.
 */
public final class DisconnectCheck {

    /** Run on every connection a migration or an undo uses; Flyway's initSql. */
    public static final String SQL = "DO $$ BEGIN PERFORM set_config('client_connection_check_interval', '1s', false);"
            + " EXCEPTION WHEN undefined_object THEN NULL; END $$";

    private DisconnectCheck() {}

    public static void apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(SQL);
        }
    }
}
