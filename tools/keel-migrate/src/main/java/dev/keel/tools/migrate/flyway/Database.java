package dev.keel.tools.migrate.flyway;

import dev.keel.tools.migration.MigrationException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A database to connect to; the commands find it through {@code KeelMigrate.Target#database()}. */
public record Database(String url, String user, String password) {

    public Connection connect() {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    public MigrationException unreachable(Exception cause) {
        return new MigrationException(
                "Cannot reach PostgreSQL at " + url + " as " + user + ": " + cause.getMessage()
                        + "\n  Fix: start the development server with make db-start, or point KEEL_DB_URL (with KEEL_DB_USER and "
                        + "KEEL_DB_PASSWORD) at your database.",
                cause);
    }
}
