package dev.keel.tools.migrate.devdb;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.Processes;
import dev.keel.tools.devservices.db.DatabaseName;
import dev.keel.tools.devservices.db.DevDatabase;
import dev.keel.tools.devservices.db.DevSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.postgresql.Driver;

/**
 * The development database a command uses, connected to without {@link DevDatabase#locate}'s
 * detour: yours (KEEL_DB_URL, or the options standing in for it) as given; else this branch's
 * database on the embedded server, when that runs under the data directory and the database is
 * there. Locating starts processes (the check for a user namespace) and opening goes through the
 * maintenance database twice, more than a short read-only command takes otherwise. Empty for
 * anything else (Docker Compose's server, a server placed under /var/lib/keel, none running, no
 * database yet, a login that fails), where DevDatabase decides, creates and words errors as ever.
 */
public final class RunningDevDatabase {

    private RunningDevDatabase() {}

    /** A connection to the database of {@code settings}, its use recorded as DevDatabase#open records it. */
    public static Optional<Connection> connect(DevSettings settings) {
        if (settings.explicitServer().isPresent()) {
            DevDatabase.Login login = DevDatabase.locate(settings).open();
            return connect(login.jdbcUrl(), login.username(), login.password());
        }
        // git names the branch's database while the pid file is read and the driver loads
        CompletableFuture<DatabaseName> name = CompletableFuture.supplyAsync(settings::databaseName);
        if (Processes.leftover(settings.dataDirectory().resolve("postgres/data/postmaster.pid"), "postgres")
                .isEmpty()) {
            return Optional.empty();
        }
        Driver driver = new Driver();
        PostgresEndpoint endpoint = new PostgresEndpoint(
                "127.0.0.1", settings.postgresPort(), name.join().name(), DevSettings.USERNAME, DevSettings.PASSWORD);
        Optional<Connection> connection = connect(driver, endpoint.jdbcUrl(), endpoint.username(), endpoint.password());
        if (connection.isEmpty()) {
            return connection;
        }
        try (Statement statement = connection.get().createStatement()) {
            statement.execute(useMark(name.join()));
            return connection;
        } catch (SQLException e) {
            close(connection.get());
            return Optional.empty();
        }
    }

    /**
     * The comment ServerDatabases writes when a command uses a database, which db-branches and db-prune
     * read; the owner, who logs in here, may write it too.
     */
    static String useMark(DatabaseName name) {
        String mark = "keel:last-used=" + Instant.now() + ";"
                + name.branch().map(branch -> "branch=" + branch).orElse("fixed");
        return "COMMENT ON DATABASE " + PostgresEndpoint.quoted(name.name()) + " IS '" + mark.replace("'", "''") + "'";
    }

    private static Optional<Connection> connect(String url, String user, String password) {
        return connect(new Driver(), url, user, password);
    }

    /**
     * PostgreSQL's driver itself, not DriverManager, whose first call looks for drivers in every jar of
     * the class path; a URL it does not take is for the full path to word.
     */
    private static Optional<Connection> connect(Driver driver, String url, String user, String password) {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        try {
            return Optional.ofNullable(driver.connect(url, login));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing was written on it
        }
    }
}
