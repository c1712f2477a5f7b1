package dev.keel.migrations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a schema is made of, as sorted lines of text: tables and their columns (type, default,
 * nullability), constraints, indexes, triggers, functions and enum values. Two snapshots are
 * equal when the schemas are; their difference is readable. Flyway's history table is left out.
 */
public record CatalogSnapshot(List<String> lines) {

    private static final String[] QUERIES = {
        """
        SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
               || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0
          AND NOT a.attisdropped AND c.relname <> 'flyway_schema_history'
        """,
        """
        SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' || pg_get_constraintdef(k.oid)
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relname <> 'flyway_schema_history'
        """,
        """
        SELECT 'index ' || indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'
        """,
        """
        SELECT 'trigger ' || pg_get_triggerdef(t.oid)
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND NOT t.tgisinternal
        """,
        """
        SELECT 'function ' || pg_get_functiondef(p.oid)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = current_schema() AND p.prokind IN ('f', 'p')
        """,
        """
        SELECT 'enum ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
        FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = current_schema() GROUP BY t.typname
        """,
    };

    public static CatalogSnapshot of(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (String query : QUERIES) {
                try (ResultSet result = statement.executeQuery(query)) {
                    while (result.next()) {
                        lines.add(result.getString(1));
                    }
                }
            }
        }
        lines.sort(null);
        return new CatalogSnapshot(List.copyOf(lines));
    }

    /** What this snapshot has that {@code other} lacks ("- ...") and the reverse ("+ ..."). */
    public List<String> differencesFrom(CatalogSnapshot other) {
        List<String> differences = new ArrayList<>();
        other.lines.stream().filter(line -> !lines.contains(line)).forEach(line -> differences.add("- " + line));
        lines.stream().filter(line -> !other.lines.contains(line)).forEach(line -> differences.add("+ " + line));
        return differences;
    }
}
