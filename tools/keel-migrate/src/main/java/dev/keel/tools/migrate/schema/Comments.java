package dev.keel.tools.migrate.schema;

import static dev.keel.tools.migrate.schema.CatalogSql.RELATION;

import dev.keel.tools.migrate.schema.DeclaredSchema.Comment;
import dev.keel.tools.migration.MigrationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * COMMENT ON for every described object of the team's: {@code pg_identify_object} names it, quoted
 * and qualified as COMMENT ON takes it. An object kind the file does not write is refused by
 * {@link UnsupportedObjects} before this runs; a comment on any other kind fails here by name.
 */
final class Comments {

    private Comments() {}

    /** pg_identify_object's type, and what COMMENT ON calls it. */
    private static final Map<String, String> KEYWORDS = Map.ofEntries(
            Map.entry("schema", "SCHEMA"),
            Map.entry("type", "TYPE"),
            Map.entry("composite type", "TYPE"),
            Map.entry("domain", "DOMAIN"),
            Map.entry("sequence", "SEQUENCE"),
            Map.entry("function", "FUNCTION"),
            Map.entry("procedure", "PROCEDURE"),
            Map.entry("table", "TABLE"),
            Map.entry("view", "VIEW"),
            Map.entry("materialized view", "MATERIALIZED VIEW"),
            Map.entry("index", "INDEX"),
            Map.entry("table column", "COLUMN"),
            Map.entry("view column", "COLUMN"),
            Map.entry("materialized view column", "COLUMN"),
            Map.entry("composite type column", "COLUMN"),
            Map.entry("table constraint", "CONSTRAINT"),
            Map.entry("domain constraint", "CONSTRAINT"),
            Map.entry("trigger", "TRIGGER"));

    private record Described(String type, String identity, String text) {}

    static List<Comment> read(Connection connection) throws SQLException {
        // The relation a comment hangs on (a table's, a column's, a constraint's or a trigger's), to leave
        // Flyway's history table and extensions' tables out as the rest of the file does.
        String relation = "CASE d.classoid WHEN 'pg_class'::regclass THEN d.objoid"
                + " WHEN 'pg_constraint'::regclass THEN (SELECT k.conrelid FROM pg_constraint k WHERE k.oid = d.objoid)"
                + " WHEN 'pg_trigger'::regclass THEN (SELECT t.tgrelid FROM pg_trigger t WHERE t.oid = d.objoid) END";
        // pg_identify_object gives no schema for a schema or a trigger: its own name, and its table's.
        String schema = "coalesce(o.schema,"
                + " (SELECT s.nspname FROM pg_namespace s WHERE d.classoid = 'pg_namespace'::regclass AND s.oid = d.objoid),"
                + " (SELECT s.nspname FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid"
                + " JOIN pg_namespace s ON s.oid = r.relnamespace WHERE d.classoid = 'pg_trigger'::regclass"
                + " AND t.oid = d.objoid))";
        List<Described> described = CatalogReader.query(
                connection,
                "SELECT o.type, o.identity, d.description"
                        + " FROM pg_description d CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o"
                        + " WHERE " + schema + " NOT LIKE 'pg\\_%' AND " + schema + " <> 'information_schema'"
                        // public's own comment comes with every database.
                        + " AND NOT (o.type = 'schema' AND o.identity = 'public')"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = d.classoid AND x.objid = d.objoid"
                        + " AND x.deptype = 'e')"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.oid = " + relation + " AND NOT (" + RELATION + "))"
                        + " ORDER BY o.type COLLATE \"C\", o.identity COLLATE \"C\"",
                row -> new Described(row.getString(1), row.getString(2), row.getString(3)));
        return described.stream().map(Comments::comment).toList();
    }

    private static Comment comment(Described described) {
        String keyword = KEYWORDS.get(described.type());
        if (keyword == null) {
            throw new MigrationException("db/schema.sql cannot hold a comment on a " + described.type() + " yet: "
                    + described.identity() + ". Nothing is left out silently, so the file is not written.");
        }
        String identity = described.identity();
        if (described.type().equals("domain constraint")) {
            // pg_identify_object writes "name on schema.domain"; COMMENT ON wants "name ON DOMAIN schema.domain".
            int on = identity.lastIndexOf(" on ");
            identity = identity.substring(0, on) + " ON DOMAIN " + identity.substring(on + 4);
        } else if (keyword.equals("CONSTRAINT") || keyword.equals("TRIGGER")) {
            int on = identity.lastIndexOf(" on ");
            identity = identity.substring(0, on) + " ON " + identity.substring(on + 4);
        }
        return new Comment(keyword + " " + identity, described.text());
    }
}
