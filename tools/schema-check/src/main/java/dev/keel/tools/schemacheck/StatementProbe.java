package dev.keel.tools.schemacheck;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Sends one SQL text to PostgreSQL the way PgJDBC does for a MyBatis statement: parsed and
 * described by the server (so an unknown table, column, type, function or operator fails), its
 * result columns compared with what the result map reads, and, when asked, executed with a
 * made-up value for each parameter so triggers and rules run too. Always in a transaction rolled
 * back afterwards, with short timeouts, so it changes nothing and waits on no one for long.
 */
final class StatementProbe {

    /**
     * Errors of a run that say the made-up values were wrong, not the schema: data exceptions,
     * constraint violations, serialization and lock failures, timeouts, a trigger's RAISE.
     */
    private static final Set<String> DATA_DEPENDENT = Set.of("22", "23", "40", "55", "57", "P0");

    private final Connection connection;

    StatementProbe(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    /** Empty when PostgreSQL accepts the statement; otherwise what is wrong, in PostgreSQL's words where it has some. */
    Optional<String> check(String sql, Collection<String> expectedColumns, boolean callable, boolean run) {
        boolean executing = false;
        try {
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL statement_timeout = '5s'");
                settings.execute("SET LOCAL lock_timeout = '1s'");
            }
            try (PreparedStatement statement =
                    callable ? connection.prepareCall(sql) : connection.prepareStatement(sql)) {
                ParameterMetaData parameters =
                        statement.getParameterMetaData(); // PgJDBC: Parse + Describe on the server
                Optional<String> missing = missingColumns(statement.getMetaData(), expectedColumns);
                if (missing.isPresent() || !run || callable) {
                    return missing;
                }
                for (int i = 1; i <= parameters.getParameterCount(); i++) {
                    bindMadeUpValue(statement, i, parameters.getParameterTypeName(i));
                }
                executing = true;
                statement.execute();
                return Optional.empty();
            }
        } catch (SQLException e) {
            String state = String.valueOf(e.getSQLState());
            if (executing && state.length() >= 2 && DATA_DEPENDENT.contains(state.substring(0, 2))) {
                return Optional.empty();
            }
            return Optional.of(String.valueOf(e.getMessage()).strip().replaceAll("\\s*\\n\\s*", "; ") + " (SQLSTATE "
                    + state + (executing ? ", while running it" : "") + ")");
        } finally {
            rollback();
        }
    }

    /** The result-map columns the statement does not return: MyBatis would silently map them to null. */
    private static Optional<String> missingColumns(ResultSetMetaData result, Collection<String> expected)
            throws SQLException {
        if (result == null || expected.isEmpty()) {
            return Optional.empty();
        }
        Set<String> returned = new HashSet<>();
        for (int i = 1; i <= result.getColumnCount(); i++) {
            returned.add(result.getColumnLabel(i).toUpperCase(Locale.ROOT));
        }
        List<String> missing = expected.stream()
                .map(column -> column.toUpperCase(Locale.ROOT))
                .filter(column -> !returned.contains(column))
                .sorted()
                .toList();
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        "the result map reads " + String.join(", ", missing).toLowerCase(Locale.ROOT)
                                + ", which the statement does not return");
    }

    /** A value of the type PostgreSQL inferred, sent untyped so the server reads it as that type. */
    private static void bindMadeUpValue(PreparedStatement statement, int index, String type) throws SQLException {
        String value =
                switch (type == null ? "" : type) {
                    case "uuid" -> UUID.randomUUID().toString();
                    case "int2", "int4", "int8", "numeric", "float4", "float8", "oid", "money" -> "1";
                    case "bool" -> "false";
                    case "text", "varchar", "bpchar", "name", "citext" -> "x";
                    case "timestamptz", "timestamp" -> "2000-01-01 00:00:00+00";
                    case "date" -> "2000-01-01";
                    case "time", "timetz" -> "00:00:00";
                    case "interval" -> "1 second";
                    case "json", "jsonb" -> "{}";
                    case "bytea" -> "\\x";
                    case "inet", "cidr" -> "127.0.0.1";
                    default -> type.startsWith("_") ? "{}" : null; // arrays empty; anything else NULL
                };
        if (value == null) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value, Types.OTHER);
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The next statement's own error will say the connection is gone.
        }
    }
}
