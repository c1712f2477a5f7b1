package dev.keel.tools.migrate;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the trace and migration-test command tests need of the server their scratch databases live on. */
public final class ScratchServers {

    private ScratchServers() {}

    /**
     * A role that may create databases: the embedded server's superuser (trust authentication),
     * or the container's user, which is a superuser of its own server.
     */
    public static PostgresEndpoint admin() {
        PostgresEndpoint shared = TestServices.postgres();
        return TestServices.kind().equals("embedded")
                ? new PostgresEndpoint(shared.host(), shared.port(), "postgres", "postgres", "")
                : shared;
    }

    /** Scratch databases still on the server: none should outlive the command that made them. */
    public static long scratchDatabasesLeft() throws SQLException {
        PostgresEndpoint server = admin();
        try (Connection connection =
                        DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT count(*) FROM pg_database WHERE datname LIKE 'keel\\_trace\\_%'")) {
            result.next();
            return result.getLong(1);
        }
    }
}
