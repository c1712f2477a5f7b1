package dev.keel.tools.migrate.flyway;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a CREATE INDEX CONCURRENTLY leaves when it is interrupted (a make migrate-up killed, a lost connection): an
 * INVALID index that no query uses and that every write still maintains, and on which the same migration fails when
 * it runs again ("relation ... already exists"). Named in the failure with the statement that clears it.
 */
final class InterruptedIndexBuilds {

    private InterruptedIndexBuilds() {}

    /** The advice to add to a failed make migrate-up, or an empty string when no index is invalid. */
    static String advice(Database database) {
        List<String> lines = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet invalid =
                        statement.executeQuery("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
                                + " EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = i.indexrelid)"
                                + " FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT i.indisvalid"
                                + " ORDER BY 1")) {
            while (invalid.next()) {
                String index = invalid.getString(1);
                lines.add(
                        invalid.getBoolean(2)
                                ? "  " + index + " is being built right now by another session"
                                        + " (pg_stat_progress_create_index): wait for it to finish, then run make migrate-up"
                                        + " again."
                                : "  " + index
                                        + " is INVALID: a CREATE INDEX CONCURRENTLY (or REINDEX CONCURRENTLY) was"
                                        + " interrupted, by a make migrate-up that was killed or a lost connection, and left"
                                        + " it behind; the migration that builds it fails on it.\n"
                                        + "  Fix: DROP INDEX CONCURRENTLY " + index
                                        + "; (make db-psql), then make migrate-repair (it removes the failed row this run left"
                                        + " in the history), then make migrate-up again.");
            }
        } catch (RuntimeException | SQLException e) {
            return ""; // the failure itself is what the user needs; this is only a hint
        }
        return lines.isEmpty() ? "" : "\n" + String.join("\n", lines);
    }
}
