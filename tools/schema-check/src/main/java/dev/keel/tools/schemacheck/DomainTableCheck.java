package dev.keel.tools.schemacheck;

import dev.keel.tools.migration.FlywaySettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The model checklist, read from the catalog: every table of the current schema is a domain table
 * unless it is Flyway's history or its comment says {@code keel:not-domain}, and a domain table has
 * a uuid primary key {@code id}, {@code created_at} and {@code updated_at} timestamptz NOT NULL, a
 * BEFORE UPDATE row trigger calling keel_touch_updated_at, {@code created_by} and {@code updated_by}
 * text NOT NULL (who created the row and who changed it last), a nullable timestamptz {@code archived_at},
 * and a BEFORE DELETE row trigger calling keel_forbid_delete. Partitions are held to it through their parent.
 */
public final class DomainTableCheck {

    /** In a table's comment, takes it out of the checklist (a lookup or outbox table, say). */
    public static final String NOT_DOMAIN = "keel:not-domain";

    private static final int ROW = 1;
    private static final int BEFORE = 2;
    private static final int DELETE = 8;
    private static final int UPDATE = 16;

    private static final String TABLES = """
            SELECT c.oid, CASE WHEN n.nspname = current_schema() THEN '' ELSE n.nspname || '.' END || c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid
                              AND x.deptype = 'e')
              AND c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND NOT {flyway history}
              AND position(? IN coalesce(obj_description(c.oid, 'pg_class'), '')) = 0
            ORDER BY 2""".replace("{flyway history}", FlywaySettings.IS_HISTORY_TABLE);
    private static final String COLUMNS = """
            SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute
            WHERE attrelid = ?::oid AND attnum > 0 AND NOT attisdropped""";
    private static final String PRIMARY_KEY = """
            SELECT string_agg(a.attname, ',') FROM pg_index i
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = ?::oid AND i.indisprimary""";
    private static final String TRIGGERS = """
            SELECT p.proname, t.tgtype FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE t.tgrelid = ?::oid AND NOT t.tgisinternal AND t.tgenabled <> 'D'
              AND cardinality(t.tgattr::int2[]) = 0""";

    private record Column(String type, boolean notNull) {}

    private DomainTableCheck() {}

    public static List<SchemaProblem> check(Connection connection) throws SQLException {
        List<SchemaProblem> problems = new ArrayList<>();
        try (PreparedStatement tables = connection.prepareStatement(TABLES)) {
            tables.setString(1, NOT_DOMAIN);
            try (ResultSet rows = tables.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(2);
                    for (String missing : missing(connection, rows.getLong(1))) {
                        problems.add(new SchemaProblem(
                                "schema",
                                "table " + table,
                                "",
                                missing + " (the model " + "checklist; or say " + NOT_DOMAIN
                                        + " in the table's COMMENT if it is no domain table)"));
                    }
                }
            }
        }
        return problems;
    }

    private static List<String> missing(Connection connection, long table) throws SQLException {
        Map<String, Column> columns = new HashMap<>();
        try (ResultSet rows = query(connection, COLUMNS, table)) {
            while (rows.next()) {
                columns.put(rows.getString(1), new Column(rows.getString(2), rows.getBoolean(3)));
            }
        }
        List<String> missing = new ArrayList<>();
        if (!"uuid".equals(type(columns, "id")) || !"id".equals(single(connection, PRIMARY_KEY, table))) {
            missing.add("no uuid primary key id");
        }
        for (String name : List.of("created_at", "updated_at")) {
            Column column = columns.get(name);
            if (column == null || !column.type().equals("timestamp with time zone") || !column.notNull()) {
                missing.add("no " + name + " timestamptz NOT NULL");
            }
        }
        for (String name : List.of("created_by", "updated_by")) {
            Column column = columns.get(name);
            if (column == null || !column.type().equals("text") || !column.notNull()) {
                missing.add("no " + name + " text NOT NULL (who "
                        + (name.startsWith("created") ? "created" : "last changed")
                        + " the row: the token's subject, set by the application)");
            }
        }
        Column archivedAt = columns.get("archived_at");
        if (archivedAt == null || !archivedAt.type().equals("timestamp with time zone") || archivedAt.notNull()) {
            missing.add("no nullable archived_at timestamptz (NULL means live)");
        }
        if (!hasTrigger(connection, table, UPDATE, "keel_touch_updated_at")) {
            missing.add("no BEFORE UPDATE row trigger calling keel_touch_updated_at");
        }
        if (!hasTrigger(connection, table, DELETE, "keel_forbid_delete")) {
            missing.add("no BEFORE DELETE row trigger calling keel_forbid_delete, so rows can be hard-deleted");
        }
        return missing;
    }

    private static String type(Map<String, Column> columns, String name) {
        Column column = columns.get(name);
        return column == null ? null : column.type();
    }

    private static boolean hasTrigger(Connection connection, long table, int event, String function)
            throws SQLException {
        try (ResultSet rows = query(connection, TRIGGERS, table)) {
            while (rows.next()) {
                int type = rows.getInt(2);
                if (rows.getString(1).equals(function)
                        && (type & ROW) != 0
                        && (type & BEFORE) != 0
                        && (type & event) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String single(Connection connection, String sql, long table) throws SQLException {
        try (ResultSet rows = query(connection, sql, table)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** The result set outlives the statement only until it is closed; closing it closes the statement. */
    private static ResultSet query(Connection connection, String sql, long table) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.closeOnCompletion();
        statement.setLong(1, table);
        return statement.executeQuery();
    }
}
