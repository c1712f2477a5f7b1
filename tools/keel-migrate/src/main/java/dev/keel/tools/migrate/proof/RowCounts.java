package dev.keel.tools.migrate.proof;

import dev.keel.tools.migrate.data.TableCatalog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How many rows each user table holds, by the name the report prints, and what they hold (each
 * column's values as text), so a round trip that keeps the count but loses values shows; the same
 * tables the row generator fills, which on the scratch database hold a few hundred rows each.
 */
record RowCounts(Map<String, Long> byTable, Map<String, Contents> contents) {

    /** A table's rows at one point: its columns by name, and each row's values as text (null for NULL). */
    record Contents(List<String> columns, List<String[]> rows) {

        /**
         * The rows projected on {@code columns}, each as one string, counted: two tables hold the
         * same values in those columns when these multisets are equal, whatever the row order.
         */
        Map<String, Integer> rowsOver(List<String> over) {
            int[] positions = over.stream().mapToInt(columns::indexOf).toArray();
            Map<String, Integer> counted = new HashMap<>();
            for (String[] row : rows) {
                StringBuilder key = new StringBuilder();
                for (int position : positions) {
                    String value = row[position];
                    key.append(value == null ? "N" : "V" + value.length() + ":" + value)
                            .append('|');
                }
                counted.merge(key.toString(), 1, Integer::sum);
            }
            return counted;
        }
    }

    RowCounts(Map<String, Long> byTable) {
        this(byTable, Map.of());
    }

    static RowCounts of(Connection connection) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Contents> contents = new TreeMap<>();
        try (Statement statement = connection.createStatement()) {
            for (TableCatalog.Table table : TableCatalog.read(connection)) {
                List<String> columns =
                        table.columns().stream().map(TableCatalog.Column::name).toList();
                if (columns.isEmpty()) {
                    try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table.qualifiedName())) {
                        result.next();
                        counts.put(table.displayName(), result.getLong(1));
                    }
                    continue;
                }
                List<String[]> rows = new ArrayList<>();
                String select =
                        columns.stream().map(column -> quote(column) + "::text").collect(Collectors.joining(", "));
                try (ResultSet result = statement.executeQuery("SELECT " + select + " FROM " + table.qualifiedName())) {
                    while (result.next()) {
                        String[] row = new String[columns.size()];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = result.getString(i + 1);
                        }
                        rows.add(row);
                    }
                }
                counts.put(table.displayName(), (long) rows.size());
                contents.put(table.displayName(), new Contents(columns, List.copyOf(rows)));
            }
        }
        return new RowCounts(Map.copyOf(counts), Map.copyOf(contents));
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
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

    /** The table's columns; none when it is not there or has no column. */
    List<String> columns(String table) {
        Contents content = contents.get(table);
        return content == null ? List.of() : content.columns();
    }
}
