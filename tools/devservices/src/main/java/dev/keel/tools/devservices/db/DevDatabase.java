package dev.keel.tools.devservices.db;

import java.util.Optional;

/**
 * This checkout's development database: the server it lives on and its name. On Keel's own
 * servers it is created on first use; on yours it is the database your URL names.
 */
public record DevDatabase(DevPostgres server, DatabaseName name) {

    /** A database ready to connect to. {@code created} is true when this call created it. */
    public record Login(String jdbcUrl, String username, String password, boolean created) {}

    public static DevDatabase locate(DevSettings settings) {
        DevPostgres server = DevPostgres.locate(settings);
        if (server instanceof OwnPostgres own) {
            return new DevDatabase(
                    own,
                    new DatabaseName(own.databaseName(), Optional.empty(), "your KEEL_DB_URL / SPRING_DATASOURCE_URL"));
        }
        return new DevDatabase(server, settings.databaseName());
    }

    /** Connects to the database, creating it first on Keel's servers; a server that is down is a clear error. */
    public Login open() {
        if (server instanceof OwnPostgres own) {
            return new Login(
                    own.login().url(), own.login().username(), own.login().password(), false);
        }
        server.requireRunning();
        boolean created = databases().ensure(name, DevSettings.USERNAME, DevSettings.PASSWORD);
        var endpoint = server.login(name.name());
        return new Login(endpoint.jdbcUrl(), endpoint.username(), endpoint.password(), created);
    }

    public ServerDatabases databases() {
        return new ServerDatabases(server.admin());
    }

    public String describe() {
        return "database " + name.describe() + " on " + server.describe();
    }
}
