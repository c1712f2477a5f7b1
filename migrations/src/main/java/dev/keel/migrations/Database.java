package dev.keel.migrations;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * Which database to migrate: {@code KEEL_DB_URL} (or Spring's {@code SPRING_DATASOURCE_URL}),
 * else the embedded default that {@code make run} starts on 127.0.0.1.
 */
public record Database(String url, String user, String password) {

    public static Database fromEnvironment(Map<String, String> env) {
        String url = first(env, "KEEL_DB_URL", "SPRING_DATASOURCE_URL");
        if (url == null) {
            url = "jdbc:postgresql://127.0.0.1:" + env.getOrDefault("KEEL_PG_PORT", "15432") + "/keel";
        }
        String user = first(env, "KEEL_DB_USER", "SPRING_DATASOURCE_USERNAME");
        String password = first(env, "KEEL_DB_PASSWORD", "SPRING_DATASOURCE_PASSWORD");
        return new Database(url, user == null ? "keel" : user, password == null ? "keel" : password);
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    public Connection connect() {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException e) {
            throw unreachable(e);
        }
    }

    MigrationException unreachable(Exception cause) {
        return new MigrationException("Cannot reach PostgreSQL at " + url + " as " + user + ": " + cause.getMessage()
                + "\n  Fix: start the embedded default with make run, or point KEEL_DB_URL (with KEEL_DB_USER and "
                + "KEEL_DB_PASSWORD) at your database.", cause);
    }
}
