package dev.keel.tools.migrate.trace;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The relations of the user's schemas and their relfilenodes: a relation keeps its oid when
 * PostgreSQL rewrites it, but gets a new file, so comparing two snapshots finds the rewrites.
 */
final class Relations {

    /**
     * One relation, and the table it belongs to (itself for a table; the table of an index or TOAST
     * table). Names are schema-qualified outside public.
     */
    record Relation(long oid, String name, char kind, long filenode, long tableOid, String table) {

        boolean isTable() {
            return kind == 'r' || kind == 'p' || kind == 'm';
        }

        private boolean isToast() {
            return name.startsWith("pg_toast.");
        }

        /** Tables first, then their indexes, then TOAST: the order a developer reads a rewrite in. */
        int rank() {
            return isTable() ? 0 : kind == 't' || isToast() ? 2 : 1;
        }

        String describe() {
            return switch (kind) {
                case 'i', 'I' -> isToast() ? "TOAST index of " + table : name + " (index of " + table + ")";
                case 't' -> "TOAST of " + table;
                case 'm' -> name + " (materialized view)";
                case 'v' -> name + " (view)";
                default -> name;
            };
        }
    }

    private static final String SNAPSHOT = """
            WITH relation AS (
                SELECT c.oid, c.relname, c.relnamespace, c.relkind, c.relfilenode,
                       coalesce(toast_owner.oid, indexed.oid, toasted.oid, c.oid) AS owner
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_index i ON i.indexrelid = c.oid
                LEFT JOIN pg_class indexed ON indexed.oid = i.indrelid
                LEFT JOIN pg_class toast_owner ON toast_owner.reltoastrelid = i.indrelid
                LEFT JOIN pg_class toasted ON toasted.reltoastrelid = c.oid
                WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I', 't', 'v')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_temp\\_%'
                  AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
                  AND c.oid >= 16384)
            SELECT r.oid, CASE WHEN n.nspname = 'public' THEN r.relname ELSE n.nspname || '.' || r.relname END,
                   r.relkind, r.relfilenode, r.owner,
                   CASE WHEN owner_schema.nspname = 'public' THEN owner.relname
                        ELSE owner_schema.nspname || '.' || owner.relname END
            FROM relation r
            JOIN pg_namespace n ON n.oid = r.relnamespace
            JOIN pg_class owner ON owner.oid = r.owner
            JOIN pg_namespace owner_schema ON owner_schema.oid = owner.relnamespace""";

    private Relations() {}

    /** Every user relation by oid, as this session sees them (inside its transaction: exactly). */
    static Map<Long, Relation> snapshot(Connection connection) throws SQLException {
        Map<Long, Relation> relations = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(SNAPSHOT)) {
            while (rows.next()) {
                relations.put(
                        rows.getLong(1),
                        new Relation(
                                rows.getLong(1),
                                rows.getString(2),
                                rows.getString(3).charAt(0),
                                rows.getLong(4),
                                rows.getLong(5),
                                rows.getString(6)));
            }
        }
        return relations;
    }

    /** Rows in each table, for the report: how much data a lock or a rewrite met. */
    static Map<Long, Long> rowCounts(Connection connection, Map<Long, Relation> relations) throws SQLException {
        Map<Long, String> tables = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT oid, oid::regclass::text FROM pg_class WHERE relkind IN ('r', 'p')"
                                + " AND oid >= 16384")) {
            while (rows.next()) {
                if (relations.containsKey(rows.getLong(1))) {
                    tables.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        Map<Long, Long> counts = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<Long, String> table : tables.entrySet()) {
                try (ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table.getValue())) {
                    result.next();
                    counts.put(table.getKey(), result.getLong(1));
                }
            }
        }
        return counts;
    }
}
