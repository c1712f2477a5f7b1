package dev.keel.tools.migrate.data;

import dev.keel.tools.migration.FlywaySettings;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The user tables as the row generator needs them, read from pg_catalog in a handful of queries. */
public final class TableCatalog {

    /** A column, with its type resolved through domains and arrays to what a value must look like. */
    public record Column(
            String name,
            String sqlType,
            String baseType,
            char typeKind,
            char category,
            int typmod,
            String elementType,
            List<String> labels,
            boolean notNull,
            String defaultExpression,
            boolean generated) {

        public boolean hasDefault() {
            return defaultExpression != null;
        }

        /** Values PostgreSQL assigns itself: identity, generated and serial columns. */
        public boolean assignedByDatabase() {
            return generated || (defaultExpression != null && defaultExpression.startsWith("nextval("));
        }

        public boolean isArray() {
            return category == 'A' && elementType != null;
        }
    }

    /** A foreign key: these columns reference those columns of the parent. */
    public record ForeignKey(
            String name, List<String> columns, String parentSchema, String parentTable, List<String> parentColumns) {}

    /** A CHECK constraint and its definition as pg_get_constraintdef prints it. */
    public record Check(String name, String definition) {}

    /** An ordinary or partitioned table. */
    public record Table(
            String schema,
            String name,
            List<Column> columns,
            List<Set<String>> uniqueKeys,
            List<Set<String>> partialUniqueKeys,
            List<ForeignKey> foreignKeys,
            List<Check> checks) {

        public String qualifiedName() {
            return quote(schema) + "." + quote(name);
        }

        /** As a report names it: bare in public, schema.name elsewhere. */
        public String displayName() {
            return schema.equals("public") ? name : schema + "." + name;
        }

        public boolean isUnique(String column) {
            return uniqueKeys.stream().anyMatch(key -> key.contains(column));
        }

        /** In a unique index with a WHERE clause only: values may repeat on rows outside its predicate. */
        public boolean isPartiallyUnique(String column) {
            return !isUnique(column) && partialUniqueKeys.stream().anyMatch(key -> key.contains(column));
        }

        public Column column(String column) {
            return columns.stream()
                    .filter(each -> each.name().equals(column))
                    .findFirst()
                    .orElse(null);
        }
    }

    private TableCatalog() {}

    /**
     * Every ordinary and partitioned table of every user schema (all but pg_catalog,
     * information_schema, pg_toast and the temporary schemas), Flyway's history and tables an
     * extension owns left out; partitions are filled through their parent.
     */
    public static List<Table> read(Connection connection) throws SQLException {
        return read(connection, null);
    }

    /** The tables of {@code schema} alone, as {@link #read(Connection)} picks them; every user schema when null. */
    public static List<Table> read(Connection connection, String schema) throws SQLException {
        Map<Long, String[]> names = new LinkedHashMap<>();
        // PostgreSQL reserves the pg_ prefix for its own schemas: pg_catalog, pg_toast, pg_temp_N, pg_toast_temp_N.
        try (PreparedStatement query =
                connection.prepareStatement("""
                SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE (n.nspname = ? OR (CAST(? AS text) IS NULL AND n.nspname NOT LIKE 'pg\\_%'
                                         AND n.nspname <> 'information_schema'))
                  AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND NOT {flyway history}
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                  AND d.objid = c.oid AND d.deptype = 'e')
                ORDER BY n.nspname <> 'public', n.nspname, c.relname""".replace("{flyway history}", FlywaySettings.IS_HISTORY_TABLE))) {
            query.setString(1, schema);
            query.setString(2, schema);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getLong(1), new String[] {rows.getString(2), rows.getString(3)});
                }
            }
        }
        if (names.isEmpty()) {
            return List.of();
        }
        Long[] oids = names.keySet().toArray(Long[]::new);
        Map<Long, List<String>> labels = enumLabels(connection);
        Map<Long, List<Column>> columns = columns(connection, oids, labels);
        Map<Long, List<Set<String>>> uniques = new HashMap<>();
        Map<Long, List<Set<String>>> partialUniques = new HashMap<>();
        Map<Long, List<ForeignKey>> foreignKeys = new HashMap<>();
        Map<Long, List<Check>> checks = new HashMap<>();
        uniqueIndexes(connection, oids, uniques, partialUniques);
        constraints(connection, oids, foreignKeys, checks);
        List<Table> tables = new ArrayList<>();
        names.forEach((oid, name) -> tables.add(new Table(
                name[0],
                name[1],
                columns.getOrDefault(oid, List.of()),
                uniques.getOrDefault(oid, List.of()),
                partialUniques.getOrDefault(oid, List.of()),
                foreignKeys.getOrDefault(oid, List.of()),
                checks.getOrDefault(oid, List.of()))));
        return tables;
    }

    private static Map<Long, List<String>> enumLabels(Connection connection) throws SQLException {
        Map<Long, List<String>> labels = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                        "SELECT enumtypid, enumlabel FROM pg_enum ORDER BY enumtypid, enumsortorder");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                labels.computeIfAbsent(rows.getLong(1), oid -> new ArrayList<>())
                        .add(rows.getString(2));
            }
        }
        return labels;
    }

    private static Map<Long, List<Column>> columns(Connection connection, Long[] oids, Map<Long, List<String>> labels)
            throws SQLException {
        // A domain's value must satisfy its base type, so look through it (one level, the common case).
        String sql = """
                SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod),
                       b.oid, b.typname, b.typtype, b.typcategory,
                       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END,
                       e.oid, e.typname, a.attnotnull OR (t.typtype = 'd' AND t.typnotnull),
                       pg_get_expr(d.adbin, d.adrelid), a.attidentity <> '' OR a.attgenerated <> ''
                FROM pg_attribute a
                JOIN pg_type t ON t.oid = a.atttypid
                JOIN pg_type b ON b.oid = CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END
                LEFT JOIN pg_type e ON e.oid = b.typelem AND b.typcategory = 'A'
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = ANY (?) AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attrelid, a.attnum""";
        Map<Long, List<Column>> columns = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("oid", oids));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long elementOid = rows.getLong(9);
                    List<String> enumLabels =
                            labels.getOrDefault(rows.getString(10) == null ? rows.getLong(4) : elementOid, List.of());
                    columns.computeIfAbsent(rows.getLong(1), oid -> new ArrayList<>())
                            .add(new Column(
                                    rows.getString(2),
                                    rows.getString(3),
                                    rows.getString(5),
                                    rows.getString(6).charAt(0),
                                    rows.getString(7).charAt(0),
                                    rows.getInt(8),
                                    rows.getString(10),
                                    enumLabels,
                                    rows.getBoolean(11),
                                    rows.getString(12),
                                    rows.getBoolean(13)));
                }
            }
        }
        return columns;
    }

    private static void uniqueIndexes(
            Connection connection,
            Long[] oids,
            Map<Long, List<Set<String>>> uniques,
            Map<Long, List<Set<String>>> partialUniques)
            throws SQLException {
        // Unique indexes, partial ones apart: widget's live-name index is one, and no constraint. A column
        // an expression key names (lower(email)) counts as a key column.
        String sql = """
                SELECT i.indrelid, array_agg(a.attname ORDER BY a.attnum), i.indpred IS NOT NULL
                FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum > 0
                     AND NOT a.attisdropped
                     AND (a.attnum = ANY (i.indkey)
                          OR (i.indexprs IS NOT NULL
                              AND pg_get_expr(i.indexprs, i.indrelid) ~ ('\\m' || a.attname || '\\M')))
                WHERE i.indisunique AND i.indrelid = ANY (?)
                GROUP BY i.indexrelid, i.indrelid, i.indpred IS NOT NULL""";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("oid", oids));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    (rows.getBoolean(3) ? partialUniques : uniques)
                            .computeIfAbsent(rows.getLong(1), oid -> new ArrayList<>())
                            .add(strings(rows.getArray(2)));
                }
            }
        }
    }

    private static void constraints(
            Connection connection, Long[] oids, Map<Long, List<ForeignKey>> foreignKeys, Map<Long, List<Check>> checks)
            throws SQLException {
        String sql = """
                SELECT c.conrelid, c.conname, c.contype, pg_get_constraintdef(c.oid), pn.nspname, p.relname,
                       ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(num, pos)
                             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.pos),
                       ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(num, pos)
                             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.pos)
                FROM pg_constraint c
                LEFT JOIN pg_class p ON p.oid = c.confrelid
                LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
                WHERE c.conrelid = ANY (?) AND c.contype IN ('c', 'f')
                ORDER BY c.conrelid, c.conname""";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setArray(1, connection.createArrayOf("oid", oids));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long table = rows.getLong(1);
                    if (rows.getString(3).equals("c")) {
                        checks.computeIfAbsent(table, oid -> new ArrayList<>())
                                .add(new Check(rows.getString(2), rows.getString(4)));
                    } else {
                        foreignKeys
                                .computeIfAbsent(table, oid -> new ArrayList<>())
                                .add(new ForeignKey(
                                        rows.getString(2),
                                        List.copyOf(strings(rows.getArray(7))),
                                        rows.getString(5),
                                        rows.getString(6),
                                        List.copyOf(strings(rows.getArray(8)))));
                    }
                }
            }
        }
    }

    private static Set<String> strings(Array array) throws SQLException {
        Set<String> values = new LinkedHashSet<>();
        for (Object value : (Object[]) array.getArray()) {
            values.add(value.toString());
        }
        return values;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
