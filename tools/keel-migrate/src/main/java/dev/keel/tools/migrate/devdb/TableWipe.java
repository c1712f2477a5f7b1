package dev.keel.tools.migrate.devdb;

import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migration.FlywaySettings;
import dev.keel.tools.migration.MigrationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code make db-wipe}: every row of every table in every user schema goes, in one TRUNCATE;
 * the schema and Flyway's history stay, so nothing needs migrating afterwards. TRUNCATE fires
 * no row triggers, so Keel's forbid-delete guard, meant for the application, does not stand in its way.
 */
public final class TableWipe {

    private static final String TABLES = """
            SELECT format('%I.%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
              AND c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND NOT {flyway history}
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1""".replace("{flyway history}", FlywaySettings.IS_HISTORY_TABLE);

    private final Database database;

    public TableWipe(Database database) {
        this.database = database;
    }

    /** The tables a wipe empties, schema-qualified. */
    public List<String> tables() {
        List<String> tables = new ArrayList<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(TABLES)) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not list the tables of " + database.url() + ": " + e.getMessage(), e);
        }
        return tables;
    }

    /** Empties {@code tables} and restarts their sequences, all at once or not at all. */
    public void wipe(List<String> tables) {
        if (tables.isEmpty()) {
            return;
        }
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE TABLE " + String.join(", ", tables) + " RESTART IDENTITY");
        } catch (SQLException e) {
            throw new MigrationException("Could not empty the tables; nothing was deleted: " + e.getMessage(), e);
        }
    }
}
