package dev.keel.tools.migrate.schema;

import static dev.keel.tools.migrate.schema.CatalogSql.RELATION;
import static dev.keel.tools.migrate.schema.CatalogSql.byName;
import static dev.keel.tools.migrate.schema.CatalogSql.qualified;

import dev.keel.tools.migrate.schema.DeclaredSchema.View;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Views and materialized views in an order that creates each after the views it reads: by name,
 * except that a view waits for the views its rewrite rule depends on.
 */
final class ViewOrder {

    private ViewOrder() {}

    private record Read(String oid, View view) {}

    /** A view's rewrite rule depends on the relation {@code dependsOn}, or on its column {@code column}. */
    private record Edge(
            String view,
            String dependsOn,
            String relation,
            @Nullable String column) {}

    static List<View> sorted(Connection connection) throws SQLException {
        List<Read> views = CatalogReader.query(
                connection,
                "SELECT c.oid::text, " + qualified("c.relname")
                        + ", c.relkind = 'm', array_to_string(c.reloptions, ', '),"
                        + " pg_get_viewdef(c.oid), c.relispopulated"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE c.relkind IN ('v', 'm') AND " + RELATION + byName("n.nspname", "c.relname"),
                row -> new Read(
                        row.getString(1),
                        new View(
                                row.getString(2),
                                row.getBoolean(3),
                                row.getString(4),
                                row.getString(5),
                                row.getBoolean(6),
                                List.of())));
        List<Edge> edges = CatalogReader.query(
                connection,
                "SELECT DISTINCT r.ev_class::text, d.refobjid::text, " + qualified("c.relname")
                        + ", CASE WHEN d.refobjsubid > 0 THEN quote_ident(a.attname) END"
                        + " FROM pg_rewrite r JOIN pg_depend d"
                        + " ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid"
                        + " AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> r.ev_class"
                        + " JOIN pg_class c ON c.oid = d.refobjid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid",
                row -> new Edge(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
        Map<String, Set<String>> reads = new HashMap<>();
        for (Edge edge : edges) {
            Set<String> read = reads.computeIfAbsent(edge.view(), key -> new TreeSet<>());
            read.add(edge.relation());
            if (edge.column() != null) {
                read.add(edge.relation() + "." + edge.column());
            }
        }
        Map<String, Read> byOid = new LinkedHashMap<>();
        views.forEach(read -> {
            View view = read.view();
            byOid.put(
                    read.oid(),
                    new Read(
                            read.oid(),
                            new View(
                                    view.name(),
                                    view.materialized(),
                                    view.options(),
                                    view.query(),
                                    view.populated(),
                                    List.copyOf(reads.getOrDefault(read.oid(), Set.of())))));
        });
        Map<String, Set<String>> waitsFor = new HashMap<>();
        for (Edge edge : edges) {
            if (byOid.containsKey(edge.view()) && byOid.containsKey(edge.dependsOn())) {
                waitsFor.computeIfAbsent(edge.view(), key -> new HashSet<>()).add(edge.dependsOn());
            }
        }
        // Kahn's algorithm, always taking the first ready view in name order: the same order every time.
        List<View> order = new ArrayList<>();
        Set<String> written = new HashSet<>();
        while (order.size() < views.size()) {
            Read next = byOid.values().stream()
                    .filter(read -> !written.contains(read.oid()))
                    .filter(read -> written.containsAll(waitsFor.getOrDefault(read.oid(), Set.of())))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("views depend on each other in a cycle"));
            written.add(next.oid());
            order.add(next.view());
        }
        return List.copyOf(order);
    }
}
