package dev.keel.migrations.proof;

import dev.keel.migrations.data.TableCatalog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** How many rows each user table holds, by the name the report prints; the same tables the row generator fills. */
record RowCounts(Map<String, Long> byTable) {

    static RowCounts of(Connection connection) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            for (TableCatalog.Table table : TableCatalog.read(connection)) {
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table.qualifiedName())) {
                    result.next();
                    counts.put(table.displayName(), result.getLong(1));
                }
            }
        }
        return new RowCounts(Map.copyOf(counts));
    }

    boolean has(String table) {
        return byTable.containsKey(table);
    }

    long rows(String table) {
        return byTable.getOrDefault(table, 0L);
    }

    long total() {
        return byTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
