package dev.keel.tools.migrate.schema;

import static dev.keel.tools.migrate.schema.CatalogSql.RELATION;
import static dev.keel.tools.migrate.schema.CatalogSql.notOwnedByExtension;
import static dev.keel.tools.migrate.schema.CatalogSql.userSchema;

import dev.keel.tools.migration.MigrationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The object kinds db/schema.sql cannot hold yet, each asked for by name, so that a schema using one
 * fails loudly instead of coming out of the file silently smaller than the database.
 */
public final class UnsupportedObjects {

    private UnsupportedObjects() {}

    /** One object the file cannot hold: its kind and its name. */
    public record Unsupported(String kind, String object) {

        @Override
        public String toString() {
            return kind + " " + object;
        }
    }

    /** Thrown with every unsupported object found, not only the first. */
    public static final class Refused extends MigrationException {

        private final List<Unsupported> objects;

        Refused(List<Unsupported> objects) {
            super(
                    "db/schema.sql cannot hold these objects yet, and nothing is left out silently, so it was not written:\n"
                            + objects.stream().map(object -> "  " + object).collect(Collectors.joining("\n"))
                            + "\n  Keel reads every other kind from the catalog; these need a reader in dev.keel.tools.migrate.schema.");
            this.objects = List.copyOf(objects);
        }

        public List<Unsupported> objects() {
            return objects;
        }
    }

    private static final String RELATIONS =
            " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + RELATION + " AND ";
    private static final String NAMED = "quote_ident(n.nspname) || '.' || quote_ident(";
    private static final String FIRST_USER_OID = "16384"; // FirstNormalObjectId: below it, initdb's objects

    /** Each kind, and the query for the names of its objects. */
    static final Map<String, String> KINDS = kinds();

    private static Map<String, String> kinds() {
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("partitioned table", "SELECT c.oid::regclass::text" + RELATIONS + "c.relkind = 'p'");
        kinds.put("partition", "SELECT c.oid::regclass::text" + RELATIONS + "c.relispartition");
        kinds.put(
                "table inheritance",
                "SELECT c.oid::regclass || ' inherits ' || i.inhparent::regclass"
                        + " FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE NOT c.relispartition AND " + RELATION);
        kinds.put("foreign table", "SELECT c.oid::regclass::text" + RELATIONS + "c.relkind = 'f'");
        kinds.put("typed table (OF type)", "SELECT c.oid::regclass::text" + RELATIONS + "c.reloftype <> 0");
        kinds.put(
                "row-level security",
                "SELECT c.oid::regclass::text" + RELATIONS + "(c.relrowsecurity OR c.relforcerowsecurity)");
        kinds.put(
                "policy",
                "SELECT quote_ident(p.polname) || ' on ' || c.oid::regclass FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + RELATION);
        kinds.put(
                "rule",
                "SELECT quote_ident(r.rulename) || ' on ' || c.oid::regclass FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE r.rulename <> '_RETURN' AND "
                        + RELATION);
        kinds.put(
                "tablespace other than the default",
                "SELECT c.oid::regclass || ' in ' || quote_ident(s.spcname)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_tablespace s ON s.oid = c.reltablespace"
                        + " WHERE " + RELATION);
        kinds.put(
                "table access method other than heap",
                "SELECT c.oid::regclass || ' using ' || quote_ident(a.amname)"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am a ON a.oid = c.relam"
                        + " WHERE c.relkind IN ('r', 'm') AND a.amname <> 'heap' AND " + RELATION);
        kinds.put(
                "replica identity",
                "SELECT c.oid::regclass::text" + RELATIONS + "c.relkind = 'r' AND c.relreplident <> 'd'");
        kinds.put(
                "clustered index (CLUSTER ON)",
                "SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE i.indisclustered AND " + RELATION);
        kinds.put(
                "column storage, compression or statistics setting",
                "SELECT c.oid::regclass || '.' || quote_ident(a.attname)"
                        + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid JOIN pg_class c ON c.oid = a.attrelid"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.attnum > 0 AND NOT a.attisdropped"
                        + " AND c.relkind IN ('r', 'm') AND (a.attstorage <> t.typstorage OR a.attcompression <> ''"
                        + " OR coalesce(a.attstattarget, -1) >= 0 OR a.attoptions IS NOT NULL) AND " + RELATION);
        kinds.put(
                "view column default",
                "SELECT c.oid::regclass || '.' || quote_ident(a.attname)"
                        + " FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum"
                        + " WHERE c.relkind = 'v' AND " + RELATION);
        kinds.put(
                "privileges (GRANT or REVOKE)",
                "SELECT c.oid::regclass::text" + RELATIONS + "c.relacl IS NOT NULL"
                        + " UNION ALL SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE n.nspacl IS NOT NULL"
                        + " AND n.nspname <> 'public' AND " + userSchema("n")
                        + " UNION ALL SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                        + " WHERE p.proacl IS NOT NULL AND " + userSchema("n") + " AND "
                        + notOwnedByExtension("pg_proc", "p.oid")
                        + " UNION ALL SELECT format_type(t.oid, NULL) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                        + " WHERE t.typacl IS NOT NULL AND " + userSchema("n") + " AND "
                        + notOwnedByExtension("pg_type", "t.oid"));
        kinds.put(
                "default privileges",
                "SELECT coalesce(quote_ident(n.nspname), 'every schema') || ' for ' || d.defaclrole::regrole"
                        + " FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace");
        kinds.put("publication", "SELECT quote_ident(pubname) FROM pg_publication");
        kinds.put(
                "subscription",
                "SELECT quote_ident(subname) FROM pg_subscription"
                        + " WHERE subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
        kinds.put(
                "event trigger",
                "SELECT quote_ident(e.evtname) FROM pg_event_trigger e WHERE "
                        + notOwnedByExtension("pg_event_trigger", "e.oid"));
        kinds.put(
                "cast",
                "SELECT format('(%s AS %s)', format_type(k.castsource, NULL), format_type(k.casttarget, NULL))"
                        + " FROM pg_cast k WHERE k.oid >= " + FIRST_USER_OID + " AND "
                        + notOwnedByExtension("pg_cast", "k.oid"));
        kinds.put("operator", inSchema("pg_operator", "o", "oprnamespace", "o.oid::regoperator::text"));
        kinds.put("operator class", inSchema("pg_opclass", "o", "opcnamespace", NAMED + "o.opcname)"));
        kinds.put("operator family", inSchema("pg_opfamily", "o", "opfnamespace", NAMED + "o.opfname)"));
        kinds.put(
                "aggregate",
                inSchema("pg_proc", "p", "pronamespace", "p.oid::regprocedure::text") + " AND p.prokind = 'a'");
        kinds.put(
                "window function",
                inSchema("pg_proc", "p", "pronamespace", "p.oid::regprocedure::text") + " AND p.prokind = 'w'");
        kinds.put("collation", inSchema("pg_collation", "o", "collnamespace", NAMED + "o.collname)"));
        kinds.put("conversion", inSchema("pg_conversion", "o", "connamespace", NAMED + "o.conname)"));
        kinds.put("text search configuration", inSchema("pg_ts_config", "o", "cfgnamespace", NAMED + "o.cfgname)"));
        kinds.put("text search dictionary", inSchema("pg_ts_dict", "o", "dictnamespace", NAMED + "o.dictname)"));
        kinds.put("text search parser", inSchema("pg_ts_parser", "o", "prsnamespace", NAMED + "o.prsname)"));
        kinds.put("text search template", inSchema("pg_ts_template", "o", "tmplnamespace", NAMED + "o.tmplname)"));
        kinds.put("statistics object", inSchema("pg_statistic_ext", "o", "stxnamespace", NAMED + "o.stxname)"));
        kinds.put(
                "range type",
                inSchema("pg_type", "o", "typnamespace", "format_type(o.oid, NULL)") + " AND o.typtype = 'r'");
        kinds.put(
                "base type",
                inSchema("pg_type", "o", "typnamespace", "format_type(o.oid, NULL)")
                        + " AND o.typtype = 'b' AND o.typcategory <> 'A'");
        kinds.put(
                "shell type", inSchema("pg_type", "o", "typnamespace", NAMED + "o.typname)") + " AND o.typtype = 'p'");
        kinds.put("foreign-data wrapper", outsideSchemas("pg_foreign_data_wrapper", "o", "quote_ident(o.fdwname)"));
        kinds.put("foreign server", outsideSchemas("pg_foreign_server", "o", "quote_ident(o.srvname)"));
        kinds.put("procedural language", outsideSchemas("pg_language", "o", "quote_ident(o.lanname)"));
        kinds.put("access method", outsideSchemas("pg_am", "o", "quote_ident(o.amname)"));
        kinds.put(
                "transform",
                outsideSchemas("pg_transform", "o", "format_type(o.trftype, NULL) || ' for ' || o.trflang::text"));
        return kinds;
    }

    /** Objects of {@code catalog} in the team's schemas, except extensions'. */
    private static String inSchema(String catalog, String alias, String namespace, String name) {
        return "SELECT " + name + " FROM " + catalog + " " + alias + " JOIN pg_namespace n ON n.oid = " + alias + "."
                + namespace + " WHERE " + userSchema("n") + " AND " + notOwnedByExtension(catalog, alias + ".oid");
    }

    /** Objects of a catalog without schemas that initdb did not make and no extension owns. */
    private static String outsideSchemas(String catalog, String alias, String name) {
        return "SELECT " + name + " FROM " + catalog + " " + alias + " WHERE " + alias + ".oid >= " + FIRST_USER_OID
                + " AND " + notOwnedByExtension(catalog, alias + ".oid");
    }

    /** Fails with every unsupported object in the database, by kind and name; returns when there is none. */
    static void refuse(Connection connection) throws SQLException {
        String all = KINDS.entrySet().stream()
                .map(kind ->
                        "SELECT '" + kind.getKey() + "' AS kind, name FROM (" + kind.getValue() + ") AS found(name)")
                .collect(Collectors.joining(" UNION ALL "));
        List<Unsupported> found = CatalogReader.query(
                connection,
                "SELECT kind, name FROM (" + all + ") AS unsupported ORDER BY kind COLLATE \"C\", name COLLATE \"C\"",
                row -> new Unsupported(row.getString(1), row.getString(2)));
        if (!found.isEmpty()) {
            throw new Refused(found);
        }
    }
}
