package dev.keel.tools.migrate.trace;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.postgres.LocalPostgres;
import dev.keel.tools.devservices.postgres.ServerUser;
import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migration.MigrationException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database the trace may fill and break, gone afterwards: a new database on a configured
 * server, dropped at close, or a throwaway embedded PostgreSQL 17 in a temporary directory.
 */
public final class ScratchDatabase implements AutoCloseable, MigrationTrace.Connector {

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?");
    private static final String EMBEDDED_USER = "keel";

    private final String name;
    private final String url;
    private final String user;
    private final String password;
    private final String description;
    private final Cleanup cleanup;
    private final Thread onExit;

    /** What close undoes. */
    @FunctionalInterface
    private interface Cleanup {
        void run() throws Exception;
    }

    private ScratchDatabase(
            String name, String url, String user, String password, String description, Cleanup cleanup) {
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
        this.description = description;
        this.cleanup = cleanup;
        // Ctrl-C must not leave a server running or a database behind.
        this.onExit = new Thread(this::cleanUpQuietly, "keel-trace-scratch-cleanup");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** A new database {@code keel_trace_<random>} on {@code server}'s PostgreSQL; the user needs CREATEDB. */
    public static ScratchDatabase on(Database server) {
        return create(server, server, null, null, "the configured server " + host(server.url()), false);
    }

    /**
     * A new database {@code keel_trace_<random>} created by {@code admin}, copied from {@code template} when there is
     * one, owned by and logged in to as {@code login}'s user, dropped at close unless {@code serverDiscarded}: a
     * throwaway server goes with all its databases, and DROP DATABASE would first make it checkpoint.
     */
    static ScratchDatabase create(
            Database admin,
            Database login,
            String owner,
            ScratchDatabase template,
            String where,
            boolean serverDiscarded) {
        Matcher url = JDBC_URL.matcher(admin.url());
        if (!url.matches()) {
            throw new MigrationException("Cannot make a scratch database next to " + admin.url()
                    + ": expected jdbc:postgresql://host:port/database.");
        }
        String name = "keel_trace_" + HexFormat.of().toHexDigits(new SecureRandom().nextInt());
        try (Connection connection = admin.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template.name)
                    + (owner == null ? "" : " OWNER " + owner));
        } catch (SQLException e) {
            throw new MigrationException(
                    "Cannot create the scratch database " + name + " on " + admin.url() + " as "
                            + admin.user() + ": " + e.getMessage() + "\n  Fix: give " + admin.user()
                            + " CREATEDB, or run the "
                            + "command without --url, KEEL_DB_URL and SPRING_DATASOURCE_URL so it starts a throwaway "
                            + "embedded PostgreSQL.",
                    e);
        }
        String scratchUrl = url.group(1) + name + (url.group(3) == null ? "" : url.group(3));
        return new ScratchDatabase(
                name, scratchUrl, login.user(), login.password(), "scratch database " + name + " on " + where, () -> {
                    if (serverDiscarded) {
                        return;
                    }
                    try (Connection connection = admin.connect();
                            Statement statement = connection.createStatement()) {
                        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    }
                });
    }

    /** The host:port of a JDBC URL, for the description. */
    static String host(String jdbcUrl) {
        Matcher url = JDBC_URL.matcher(jdbcUrl);
        return url.matches()
                ? url.group(1)
                        .substring("jdbc:postgresql://".length(), url.group(1).length() - 1)
                : jdbcUrl;
    }

    /** A PostgreSQL 17 of its own on a free port, removed with its data directory at close. */
    public static ScratchDatabase embedded() {
        // zonky logs through SLF4J, for which the CLI ships no provider: keep SLF4J's warning about that off the
        // report.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        Path home;
        try {
            home = Directories.newScratchDirectory("keel-trace-");
        } catch (IOException e) {
            throw new MigrationException("Cannot create a directory for the scratch PostgreSQL: " + e.getMessage(), e);
        }
        LocalPostgres postgres;
        try {
            postgres = LocalPostgres.startThrowaway(home.resolve("postgres"), Ports.freePort(), ServerUser.detect());
        } catch (DevServiceException e) {
            deleteQuietly(home);
            throw new MigrationException("The scratch PostgreSQL did not start: " + e.getMessage(), e);
        }
        try {
            PostgresEndpoint endpoint = postgres.ensureDatabase("keel_trace", EMBEDDED_USER, EMBEDDED_USER);
            return new ScratchDatabase(
                    endpoint.database(),
                    endpoint.jdbcUrl(),
                    endpoint.username(),
                    endpoint.password(),
                    "throwaway embedded PostgreSQL on port " + endpoint.port(),
                    () -> {
                        postgres.discard();
                        Directories.deleteTree(home);
                    });
        } catch (RuntimeException e) {
            postgres.discard(); // pg_ctl detached it: nothing else would stop it
            deleteQuietly(home);
            throw e;
        }
    }

    @Override
    public Connection open() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public String url() {
        return url;
    }

    /** How to log in to it, for tools such as Flyway that connect by themselves. */
    public Database database() {
        return new Database(url, user, password);
    }

    /** Where it lives, for the report. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException alreadyExiting) {
            return; // the hook is running or will run
        }
        try {
            cleanup.run();
        } catch (Exception e) {
            throw new MigrationException("Could not remove the " + description + ": " + e.getMessage(), e);
        }
    }

    private void cleanUpQuietly() {
        try {
            cleanup.run();
        } catch (Exception e) {
            System.getLogger(ScratchDatabase.class.getName())
                    .log(
                            System.Logger.Level.WARNING,
                            "keel-migrate trace: could not remove the " + description + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path home) {
        try {
            Directories.deleteTree(home);
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
