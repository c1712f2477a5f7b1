package dev.keel.tools.devservices.db;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.PostgresEndpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The development databases on one server, seen through its maintenance database. Each one
 * Keel creates carries a comment saying which branch it belongs to and when a Keel command last
 * used it; that is how {@code make db-branches} and {@code make db-prune} know them.
 */
public final class ServerDatabases {

    private static final Pattern MARK = Pattern.compile("keel:last-used=([^;]+);(?:branch=(.*)|fixed)", Pattern.DOTALL);

    private final PostgresEndpoint admin;

    /** {@code admin} is the maintenance database as a role that may create and drop databases. */
    public ServerDatabases(PostgresEndpoint admin) {
        this.admin = admin;
    }

    /** A database Keel made, as db-branches lists it. */
    public record DevDatabaseInfo(
            String name, Optional<String> branch, long sizeBytes, Optional<Instant> lastUsed, boolean keelMade) {}

    public boolean exists(String name) {
        try (Connection connection = admin.connect();
                PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw failure("look for database " + name, e);
        }
    }

    /**
     * Creates {@code name} owned by {@code owner} (and the owner's login role) unless it exists,
     * and records this use. True when the database was created now.
     */
    public boolean ensure(DatabaseName name, String owner, String password) {
        boolean created = admin.createDatabase(name.name(), owner, password);
        try (Connection connection = admin.connect();
                Statement statement = connection.createStatement()) {
            markUse(statement, name);
        } catch (SQLException e) {
            throw failure("record the use of database " + name.name(), e);
        }
        return created;
    }

    /** Drops {@code name}, closing the connections still open to it. */
    public void drop(String name) {
        try (Connection connection = admin.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + PostgresEndpoint.quoted(name) + " WITH (FORCE)");
        } catch (SQLException e) {
            throw failure("drop database " + name, e);
        }
    }

    /** Keel's databases on this server: the fixed name and every branch database, by name. */
    public List<DevDatabaseInfo> list() {
        String query = """
                SELECT d.datname, pg_database_size(d.oid), shobj_description(d.oid, 'pg_database')
                FROM pg_database d
                WHERE NOT d.datistemplate AND (d.datname = ? OR d.datname LIKE ? ESCAPE '!'
                      OR shobj_description(d.oid, 'pg_database') LIKE 'keel:last-used=%')
                ORDER BY d.datname""";
        List<DevDatabaseInfo> databases = new ArrayList<>();
        try (Connection connection = admin.connect();
                PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, DatabaseName.FIXED);
            statement.setString(2, DatabaseName.BRANCH_PREFIX.replace("_", "!_") + "%");
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Matcher mark = MARK.matcher(rows.getString(3) == null ? "" : rows.getString(3));
                    boolean keelMade = mark.matches();
                    databases.add(new DevDatabaseInfo(
                            rows.getString(1),
                            keelMade ? Optional.ofNullable(mark.group(2)) : Optional.empty(),
                            rows.getLong(2),
                            keelMade ? parseInstant(mark.group(1)) : Optional.empty(),
                            keelMade));
                }
            }
        } catch (SQLException e) {
            throw failure("list the databases", e);
        }
        return databases;
    }

    private static Optional<Instant> parseInstant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void markUse(Statement statement, DatabaseName name) throws SQLException {
        String mark = "keel:last-used=" + Instant.now() + ";"
                + name.branch().map(branch -> "branch=" + branch).orElse("fixed");
        statement.execute("COMMENT ON DATABASE " + PostgresEndpoint.quoted(name.name()) + " IS " + literal(mark));
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private DevServiceException failure(String what, SQLException e) {
        return new DevServiceException(
                "Could not " + what + " on PostgreSQL at " + admin.host() + ":" + admin.port() + " as "
                        + admin.username() + ": " + e.getMessage(),
                e);
    }
}
