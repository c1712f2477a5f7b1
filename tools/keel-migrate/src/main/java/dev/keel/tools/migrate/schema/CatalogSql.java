package dev.keel.tools.migrate.schema;

import dev.keel.tools.migration.FlywaySettings;

/** SQL fragments the reader and the refusals share: which objects are the team's. */
final class CatalogSql {

    private CatalogSql() {}

    /** PostgreSQL reserves the pg_ prefix for its own schemas: pg_catalog, pg_toast, pg_temp_N, ... */
    static String userSchema(String namespace) {
        return namespace + ".nspname NOT LIKE 'pg\\_%' AND " + namespace + ".nspname <> 'information_schema'";
    }

    /** Whether the object with this oid, of this catalog, belongs to an extension, which its own scripts manage. */
    static String notOwnedByExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '" + catalog + "'::regclass" + " AND x.objid = "
                + oid + " AND x.deptype = 'e')";
    }

    /** The team's relations {@code c} in namespace {@code n}: not the catalog's, not Flyway's history, not an extension's. */
    static final String RELATION = userSchema("n") + " AND NOT " + FlywaySettings.IS_HISTORY_TABLE + " AND "
            + notOwnedByExtension("pg_class", "c.oid");

    /** A schema-qualified, quoted name of namespace {@code n} and {@code name}. */
    static String qualified(String name) {
        return "quote_ident(n.nspname) || '.' || quote_ident(" + name + ")";
    }

    /** The collation {@code co} as COLLATE writes it: bare when it is pg_catalog's, as "C" or "en_US". */
    static final String COLLATION =
            "CASE WHEN co.collnamespace = 'pg_catalog'::regnamespace THEN quote_ident(co.collname)"
                    + " ELSE co.collnamespace::regnamespace::text || '.' || quote_ident(co.collname) END";

    /** Names in C order, whatever the database's collation, so the file is the same everywhere. */
    static String byName(String... names) {
        StringBuilder order = new StringBuilder(" ORDER BY ");
        for (int i = 0; i < names.length; i++) {
            order.append(i == 0 ? "" : ", ").append(names[i]).append(" COLLATE \"C\"");
        }
        return order.toString();
    }
}
