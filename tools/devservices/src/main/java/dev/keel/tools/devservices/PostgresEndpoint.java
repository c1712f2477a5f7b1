package dev.keel.tools.devservices;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a running PostgreSQL database answers, and who to log in as. */
public record PostgresEndpoint(String host, int port, String database, String username, String password) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    /** What PostgreSQL says when another command created the same role or database a moment earlier. */
    private static final Set<String> CREATED_CONCURRENTLY = Set.of("42P04", "42710", "23505");

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/([^?]+)(\\?.*)?");

    /** The host, port and database of a single-host {@code jdbc:postgresql://} URL; its parameters are dropped. */
    public static PostgresEndpoint fromJdbcUrl(String url, String username, String password) {
        Matcher matcher = JDBC_URL.matcher(url);
        if (!matcher.matches()) {
            throw new DevServiceException(
                    url + " is not a URL Keel can read: expected " + "jdbc:postgresql://host[:port]/database.");
        }
        int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
        return new PostgresEndpoint(matcher.group(1), port, matcher.group(3), username, password);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public PostgresEndpoint withDatabase(String otherDatabase) {
        return new PostgresEndpoint(host, port, otherDatabase, username, password);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), username, password);
    }

    /** Runs each statement in its own autocommitted transaction. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * Creates a login role and a database it owns, unless they exist, with this endpoint as a role
     * that may create both. True when the database was created now; a role or database another
     * command created a moment earlier counts as there.
     */
    public boolean createDatabase(String database, String owner, String ownerPassword) {
        requireIdentifier(database);
        requireIdentifier(owner);
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            if (!rowExists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", owner)) {
                createUnlessConcurrent(
                        statement,
                        "CREATE ROLE " + quoted(owner) + " LOGIN PASSWORD " + "'" + ownerPassword.replace("'", "''")
                                + "'");
            }
            return !rowExists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)
                    && createUnlessConcurrent(
                            statement, "CREATE DATABASE " + quoted(database) + " OWNER " + quoted(owner));
        } catch (SQLException e) {
            throw new DevServiceException(
                    "Could not create database " + database + " on PostgreSQL at " + host + ":" + port + " as "
                            + username + ": " + e.getMessage(),
                    e);
        }
    }

    /** Quoted, so a name that is also a keyword (user, all) works; only checked identifiers get here. */
    public static String quoted(String identifier) {
        requireIdentifier(identifier);
        return "\"" + identifier + "\"";
    }

    private static void requireIdentifier(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new DevServiceException("'" + name + "' is not a plain lower-case SQL identifier.");
        }
    }

    private static boolean createUnlessConcurrent(Statement statement, String create) throws SQLException {
        try {
            statement.execute(create);
            return true;
        } catch (SQLException e) {
            if (CREATED_CONCURRENTLY.contains(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private static boolean rowExists(Connection connection, String query, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, value);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The first column of the first row, as text; {@code null} when the query returns no row. */
    public String queryForString(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }
}
