package dev.keel.tools.devservices.db;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A server of your own ({@code KEEL_DB_URL}): used as given, never started, stopped or removed. */
public record OwnPostgres(DevSettings.PostgresLogin login) implements DevPostgres {

    @Override
    public String describe() {
        return "your PostgreSQL at " + login.url();
    }

    @Override
    public String label() {
        return "your PostgreSQL";
    }

    @Override
    public boolean running() {
        try (Connection connection = DriverManager.getConnection(login.url(), login.username(), login.password())) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public String start() {
        throw notOurs("start");
    }

    @Override
    public String stop() {
        throw notOurs("stop");
    }

    @Override
    public String teardownScope() {
        throw notOurs("tear down");
    }

    @Override
    public String teardown() {
        throw notOurs("tear down");
    }

    private DevServiceException notOurs(String what) {
        return new DevServiceException("The database is yours (" + login.url() + ", from KEEL_DB_URL or "
                + "SPRING_DATASOURCE_URL): Keel does not " + what + " it.\n  Fix: manage that server yourself, "
                + "or unset KEEL_DB_URL and SPRING_DATASOURCE_URL to use Keel's development server.");
    }

    /** The database the URL names, read leniently: what follows the last slash, up to any parameters. */
    public String databaseName() {
        String path = login.url().split("\\?", 2)[0];
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The database named in the URL, with its host and port. */
    public PostgresEndpoint endpoint() {
        return PostgresEndpoint.fromJdbcUrl(login.url(), login.username(), login.password());
    }

    @Override
    public PostgresEndpoint admin() {
        return endpoint().withDatabase("postgres");
    }

    @Override
    public PostgresEndpoint login(String database) {
        return endpoint().withDatabase(database);
    }

    @Override
    public boolean managed() {
        return false;
    }

    @Override
    public String startHint() {
        return "start your server, or check KEEL_DB_URL, KEEL_DB_USER and KEEL_DB_PASSWORD";
    }
}
