package dev.keel.devservices;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a running PostgreSQL database answers, and who to log in as. */
public record PostgresEndpoint(String host, int port, String database, String username, String password) {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/:?,]+)(?::(\\d+))?/([^?]+)(\\?.*)?");

    /** The host, port and database of a single-host {@code jdbc:postgresql://} URL; its parameters are dropped. */
    public static PostgresEndpoint fromJdbcUrl(String url, String username, String password) {
        Matcher matcher = JDBC_URL.matcher(url);
        if (!matcher.matches()) {
            throw new DevServiceException(url + " is not a URL Keel can read: expected "
                    + "jdbc:postgresql://host[:port]/database.");
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
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
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
