package dev.keel.tools.migrate.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The table and unique key a backfill walks, as the catalog names them, and the keyset queries over
 * them: each batch starts after the previous batch's last key, never at an OFFSET.
 */
record Keyset(String table, String column, String type) {

    /** The key column of the directive's table, refused unless it is unique, not null and so totally ordered. */
    static Keyset resolve(Connection connection, BackfillFile backfill) throws SQLException {
        BackfillFile.Directive directive = backfill.directive();
        String sql = """
                SELECT c.oid::regclass::text, c.relkind IN ('r', 'p'), quote_ident(a.attname),
                       format_type(a.atttypid, a.atttypmod), a.attnotnull,
                       EXISTS (SELECT 1 FROM pg_index i
                               WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid AND i.indnkeyatts = 1
                                 AND i.indkey[0] = a.attnum AND i.indpred IS NULL)
                FROM pg_class c
                LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = ? AND a.attnum > 0 AND NOT a.attisdropped
                WHERE c.oid = to_regclass(?)""";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, columnName(directive.key()));
            query.setString(2, directive.table());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || !row.getBoolean(2)) {
                    throw BackfillFile.problem(
                            backfill.file(),
                            directive.line(),
                            "there is no table " + directive.table(),
                            "name an existing table in table=, schema-qualified when it is not on the search_path.");
                }
                String table = row.getString(1);
                if (row.getString(3) == null) {
                    throw BackfillFile.problem(
                            backfill.file(),
                            directive.line(),
                            "table " + table + " has no column " + directive.key(),
                            "name the table's primary key (or another unique column) in key=.");
                }
                if (!row.getBoolean(6)) {
                    throw BackfillFile.problem(
                            backfill.file(),
                            directive.line(),
                            "key " + table + "." + row.getString(3)
                                    + " is not unique: no primary key or unique index has it as its only column (partial "
                                    + "indexes do not count)",
                            "keyset batches need a unique, ordered key: use the primary key.");
                }
                if (!row.getBoolean(5)) {
                    throw BackfillFile.problem(
                            backfill.file(),
                            directive.line(),
                            "key " + table + "." + row.getString(3)
                                    + " allows NULL, and rows with a NULL key would never be visited",
                            "use the primary key, or make the column NOT NULL.");
                }
                return new Keyset(table, row.getString(3), row.getString(4));
            }
        }
    }

    /** As PostgreSQL folds an identifier: "Quoted" as written, otherwise lower case. */
    private static String columnName(String key) {
        return key.length() > 1 && key.startsWith("\"") && key.endsWith("\"")
                ? key.substring(1, key.length() - 1).replace("\"\"", "\"")
                : key.toLowerCase(Locale.ROOT);
    }

    /** A key, sent as text, in the key's own type. */
    String parameter() {
        return "CAST(? AS " + type + ")";
    }

    /** Keys still to visit: all of them, or those after the last key (one parameter). */
    String remaining(boolean fromStart) {
        return "SELECT count(*) FROM " + table + (fromStart ? "" : " WHERE " + column + " > " + parameter());
    }

    /**
     * The next batch's size, first and last key, as one row (none when no key is left): the
     * batch size is a parameter, preceded by the last key unless this is the first batch.
     */
    String bounds(boolean firstBatch) {
        // Named apart from k: ORDER BY k would otherwise sort by the text output column, where '999' > '1000'.
        return "SELECT count(*) OVER () AS keys, (first_value(k) OVER (ORDER BY k))::text AS first_key, "
                + "k::text AS last_key FROM (SELECT " + column
                + " AS k FROM " + table + (firstBatch ? "" : " WHERE " + column + " > " + parameter()) + " ORDER BY "
                + column + " LIMIT ?) batch ORDER BY k DESC LIMIT 1";
    }
}
