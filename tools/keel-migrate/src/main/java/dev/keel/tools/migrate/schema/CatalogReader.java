package dev.keel.tools.migrate.schema;

import static dev.keel.tools.migrate.schema.CatalogSql.COLLATION;
import static dev.keel.tools.migrate.schema.CatalogSql.RELATION;
import static dev.keel.tools.migrate.schema.CatalogSql.byName;
import static dev.keel.tools.migrate.schema.CatalogSql.notOwnedByExtension;
import static dev.keel.tools.migrate.schema.CatalogSql.qualified;
import static dev.keel.tools.migrate.schema.CatalogSql.userSchema;

import dev.keel.tools.migrate.schema.DeclaredSchema.Attribute;
import dev.keel.tools.migrate.schema.DeclaredSchema.Column;
import dev.keel.tools.migrate.schema.DeclaredSchema.CompositeType;
import dev.keel.tools.migrate.schema.DeclaredSchema.Constraint;
import dev.keel.tools.migrate.schema.DeclaredSchema.Domain;
import dev.keel.tools.migrate.schema.DeclaredSchema.EnumType;
import dev.keel.tools.migrate.schema.DeclaredSchema.Extension;
import dev.keel.tools.migrate.schema.DeclaredSchema.Function;
import dev.keel.tools.migrate.schema.DeclaredSchema.Identity;
import dev.keel.tools.migrate.schema.DeclaredSchema.Index;
import dev.keel.tools.migrate.schema.DeclaredSchema.NamedConstraint;
import dev.keel.tools.migrate.schema.DeclaredSchema.Sequence;
import dev.keel.tools.migrate.schema.DeclaredSchema.SequenceOptions;
import dev.keel.tools.migrate.schema.DeclaredSchema.SequenceOwner;
import dev.keel.tools.migrate.schema.DeclaredSchema.Table;
import dev.keel.tools.migrate.schema.DeclaredSchema.Trigger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a database's schema from its catalog, every user schema, with PostgreSQL's own deparsers.
 * Objects of a kind it cannot write yet fail the read first ({@link UnsupportedObjects}).
 */
public final class CatalogReader {

    private static final String TYPE = userSchema("n") + " AND " + notOwnedByExtension("pg_type", "t.oid");
    private static final String TABLE = "c.relkind = 'r' AND " + RELATION;

    /** A row: reads one object from the current row of a result. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final Connection connection;

    private CatalogReader(Connection connection) {
        this.connection = connection;
    }

    /**
     * The schema of the database {@code connection} is on. Sets the session's search_path to empty, as pg_dump
     * does, so the deparsers qualify every name and the text does not depend on who reads it.
     */
    public static DeclaredSchema read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_catalog.set_config('search_path', '', false)");
        }
        UnsupportedObjects.refuse(connection);
        return new CatalogReader(connection).schema();
    }

    private DeclaredSchema schema() throws SQLException {
        return new DeclaredSchema(
                list(
                        "SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE " + userSchema("n")
                                + " AND n.nspname <> 'public' AND " + notOwnedByExtension("pg_namespace", "n.oid")
                                + byName("n.nspname"),
                        row -> row.getString(1)),
                list(
                        "SELECT quote_ident(e.extname), quote_ident(n.nspname) FROM pg_extension e"
                                + " JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'"
                                + byName("e.extname"),
                        row -> new Extension(row.getString(1), row.getString(2))),
                list(
                        "SELECT " + qualified("t.typname") + ", array_agg(e.enumlabel ORDER BY e.enumsortorder)"
                                + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid"
                                + " WHERE " + TYPE + " GROUP BY n.nspname, t.typname"
                                + byName("n.nspname", "t.typname"),
                        row -> new EnumType(row.getString(1), strings(row, 2))),
                domains(),
                composites(),
                list(
                        "SELECT " + qualified("c.relname") + ", " + SEQUENCE_OPTIONS
                                + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE " + RELATION
                                + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
                                + " AND d.objid = c.oid AND d.deptype = 'i')" + byName("n.nspname", "c.relname"),
                        row -> new Sequence(row.getString(1), sequenceOptions(row, 2))),
                functions(),
                tables(),
                list(
                        "SELECT quote_ident(sn.nspname) || '.' || quote_ident(s.relname), " + qualified("c.relname")
                                + ", quote_ident(a.attname)"
                                + " FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'"
                                + " JOIN pg_namespace sn ON sn.oid = s.relnamespace"
                                + " JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid"
                                + " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
                                + " AND d.deptype = 'a' AND d.refobjsubid > 0 AND " + RELATION
                                + byName("sn.nspname", "s.relname"),
                        row -> new SequenceOwner(row.getString(1), row.getString(2), row.getString(3))),
                list(
                        "SELECT " + qualified("c.relname")
                                + ", quote_ident(k.conname), k.contype, pg_get_constraintdef(k.oid)"
                                + " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE k.contype IN ('p', 'u', 'c', 'x', 'f') AND " + TABLE
                                + " ORDER BY k.contype = 'f', n.nspname COLLATE \"C\", c.relname COLLATE \"C\","
                                + " CASE k.contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'x' THEN 2 ELSE 3 END, k.conname COLLATE \"C\"",
                        row -> new Constraint(
                                row.getString(1),
                                row.getString(2),
                                row.getString(3).charAt(0),
                                row.getString(4))),
                list(
                        "SELECT " + qualified("ic.relname") + ", pg_get_indexdef(i.indexrelid), c.relkind = 'm'"
                                + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'm') AND "
                                + RELATION
                                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid"
                                + " AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))"
                                + byName("n.nspname", "c.relname", "ic.relname"),
                        row -> new Index(row.getString(1), row.getString(2), row.getBoolean(3))),
                ViewOrder.sorted(connection),
                list(
                        "SELECT quote_ident(t.tgname), " + qualified("c.relname")
                                + ", pg_get_triggerdef(t.oid), t.tgenabled"
                                + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE NOT t.tgisinternal AND " + RELATION
                                + byName("n.nspname", "c.relname", "t.tgname"),
                        row -> new Trigger(
                                row.getString(1),
                                row.getString(2),
                                row.getString(3),
                                row.getString(4).charAt(0))),
                Comments.read(connection));
    }

    static final String SEQUENCE_OPTIONS =
            "format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle";

    private static SequenceOptions sequenceOptions(ResultSet row, int first) throws SQLException {
        return new SequenceOptions(
                row.getString(first),
                row.getLong(first + 1),
                row.getLong(first + 2),
                row.getLong(first + 3),
                row.getLong(first + 4),
                row.getLong(first + 5),
                row.getBoolean(first + 6));
    }

    private List<Domain> domains() throws SQLException {
        // PostgreSQL 17 records a domain's NOT NULL in pg_constraint too, with its name: written as a constraint.
        Map<String, List<NamedConstraint>> constraints = grouped(
                "SELECT k.contypid::text, quote_ident(k.conname), pg_get_constraintdef(k.oid) FROM pg_constraint k"
                        + " WHERE k.contypid <> 0" + byName("k.conname"),
                row -> new NamedConstraint(row.getString(2), row.getString(3)));
        return list(
                "SELECT t.oid::text, " + qualified("t.typname") + ", format_type(t.typbasetype, t.typtypmod),"
                        + " CASE WHEN t.typcollation <> 0 AND t.typcollation <> b.typcollation THEN " + COLLATION
                        + " END,"
                        + " pg_get_expr(t.typdefaultbin, 0), t.typnotnull"
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_type b ON b.oid = t.typbasetype"
                        + " LEFT JOIN pg_collation co ON co.oid = t.typcollation"
                        + " WHERE t.typtype = 'd' AND " + TYPE + byName("n.nspname", "t.typname"),
                row -> {
                    List<NamedConstraint> own = constraints.getOrDefault(row.getString(1), List.of());
                    boolean notNullConstraint = own.stream()
                            .anyMatch(constraint -> constraint.definition().equals("NOT NULL"));
                    return new Domain(
                            row.getString(2),
                            row.getString(3),
                            row.getString(4),
                            row.getString(5),
                            row.getBoolean(6) && !notNullConstraint,
                            own);
                });
    }

    private List<CompositeType> composites() throws SQLException {
        Map<String, List<Attribute>> attributes = grouped(
                "SELECT a.attrelid::text, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod),"
                        + " CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN " + COLLATION
                        + " END"
                        + " FROM pg_attribute a JOIN pg_type at ON at.oid = a.atttypid"
                        + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                        + " WHERE a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum",
                row -> new Attribute(row.getString(2), row.getString(3), row.getString(4)));
        return list(
                "SELECT t.typrelid::text, " + qualified("t.typname")
                        + " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_class c ON c.oid = t.typrelid"
                        + " WHERE t.typtype = 'c' AND c.relkind = 'c' AND " + TYPE + byName("n.nspname", "t.typname"),
                row -> new CompositeType(row.getString(2), attributes.getOrDefault(row.getString(1), List.of())));
    }

    private List<Function> functions() throws SQLException {
        // A signature or a BEGIN ATOMIC body naming a table, a view or their row type: after the views.
        String dependsOnRelations = "EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass"
                + " AND d.objid = p.oid AND (d.refclassid = 'pg_class'::regclass OR (d.refclassid = 'pg_type'::regclass"
                + " AND EXISTS (SELECT 1 FROM pg_class r WHERE r.reltype = d.refobjid AND r.relkind <> 'c'))))";
        return list(
                "SELECT " + qualified("p.proname") + " || '(' || pg_get_function_identity_arguments(p.oid) || ')',"
                        + " pg_get_functiondef(p.oid), " + dependsOnRelations
                        + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                        + " WHERE p.prokind IN ('f', 'p') AND " + userSchema("n") + " AND "
                        + notOwnedByExtension("pg_proc", "p.oid")
                        + byName("n.nspname", "p.proname", "pg_get_function_identity_arguments(p.oid)"),
                row -> new Function(row.getString(1), row.getString(2), row.getBoolean(3)));
    }

    private List<Table> tables() throws SQLException {
        Map<String, List<Column>> columns = grouped(
                "SELECT a.attrelid::text, quote_ident(a.attname), format_type(a.atttypid, a.atttypmod),"
                        + " CASE WHEN a.attcollation <> 0 AND a.attcollation <> at.typcollation THEN " + COLLATION
                        + " END,"
                        + " CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,"
                        + " CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END,"
                        + " a.attidentity, a.attnotnull, " + SEQUENCE_OPTIONS
                        + " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_type at ON at.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                        + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                        + " LEFT JOIN pg_depend i ON i.classid = 'pg_class'::regclass AND i.refclassid = 'pg_class'::regclass"
                        + " AND i.refobjid = a.attrelid AND i.refobjsubid = a.attnum AND i.deptype = 'i'"
                        + " AND a.attidentity <> ''"
                        + " LEFT JOIN pg_sequence s ON s.seqrelid = i.objid"
                        + " WHERE a.attnum > 0 AND NOT a.attisdropped AND " + TABLE + " ORDER BY a.attrelid, a.attnum",
                row -> {
                    Identity identity =
                            switch (row.getString(7)) {
                                case "a" -> Identity.ALWAYS;
                                case "d" -> Identity.BY_DEFAULT;
                                default -> Identity.NONE;
                            };
                    return new Column(
                            row.getString(2),
                            row.getString(3),
                            row.getString(4),
                            row.getString(5),
                            row.getString(6),
                            identity,
                            identity == Identity.NONE ? null : sequenceOptions(row, 9),
                            row.getBoolean(8));
                });
        return list(
                "SELECT c.oid::text, " + qualified("c.relname") + ", c.relpersistence = 'u',"
                        + " array_to_string(c.reloptions, ', ')"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + TABLE
                        + byName("n.nspname", "c.relname"),
                row -> new Table(
                        row.getString(2),
                        row.getBoolean(3),
                        row.getString(4),
                        columns.getOrDefault(row.getString(1), List.of())));
    }

    private <T> List<T> list(String sql, Row<T> reader) throws SQLException {
        return query(connection, sql, reader);
    }

    static <T> List<T> query(Connection connection, String sql, Row<T> reader) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(reader.read(result));
            }
        }
        return List.copyOf(rows);
    }

    /** Rows grouped by their first column, in the query's order. */
    private <T> Map<String, List<T>> grouped(String sql, Row<T> reader) throws SQLException {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                groups.computeIfAbsent(result.getString(1), key -> new ArrayList<>())
                        .add(reader.read(result));
            }
        }
        return groups;
    }

    private static List<String> strings(ResultSet row, int column) throws SQLException {
        return Arrays.asList((String[]) row.getArray(column).getArray());
    }
}
