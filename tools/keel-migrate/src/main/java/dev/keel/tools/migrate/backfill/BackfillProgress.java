package dev.keel.tools.migrate.backfill;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The keel_backfill_progress table: one row per backfill file, where its last committed batch
 * ended. The row moves in each batch's own transaction, so a crash loses and repeats nothing.
 */
final class BackfillProgress {

    static final String TABLE = "keel_backfill_progress";

    /** Where a backfill stands: the last key done (null before the first batch), and whether it finished. */
    record State(String lastKey, long rowsChanged, int batches, Instant finishedAt) {

        boolean finished() {
            return finishedAt != null;
        }
    }

    private final Connection connection;
    private final String name;

    BackfillProgress(Connection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** Creates the table on first use; its comment exempts it from Keel's model checklist. */
    void createTableIfMissing() throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet exists = statement.executeQuery("SELECT to_regclass('" + TABLE + "') IS NOT NULL")) {
            exists.next();
            if (exists.getBoolean(1)) {
                return;
            }
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (name text PRIMARY KEY, last_key text, "
                    + "rows_changed bigint NOT NULL DEFAULT 0, batches int NOT NULL DEFAULT 0, "
                    + "started_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), "
                    + "finished_at timestamptz)");
            statement.execute("COMMENT ON TABLE " + TABLE + " IS 'keel:not-domain: progress of make backfill runs'");
        }
    }

    /** The backfill's row, made on its first run, or reset to the start when {@code restart}. */
    State start(boolean restart) throws SQLException {
        update("INSERT INTO " + TABLE + " (name) VALUES (?) ON CONFLICT (name) DO NOTHING");
        if (restart) {
            update("UPDATE " + TABLE + " SET last_key = NULL, rows_changed = 0, batches = 0, started_at = now(), "
                    + "updated_at = now(), finished_at = NULL WHERE name = ?");
        }
        return read();
    }

    State read() throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT last_key, rows_changed, batches, finished_at FROM " + TABLE + " WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                Timestamp finished = row.getTimestamp(4);
                return new State(
                        row.getString(1),
                        row.getLong(2),
                        row.getInt(3),
                        finished == null ? null : finished.toInstant());
            }
        }
    }

    /**
     * Records a batch, in the batch's transaction; false when the row no longer ends at
     * {@code previousKey}, because another run of the same backfill moved it.
     */
    boolean advance(String previousKey, String lastKey, long rowsChanged) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE + " SET last_key = ?, "
                + "rows_changed = rows_changed + ?, batches = batches + 1, updated_at = now() "
                + "WHERE name = ? AND last_key IS NOT DISTINCT FROM ?")) {
            update.setString(1, lastKey);
            update.setLong(2, rowsChanged);
            update.setString(3, name);
            update.setString(4, previousKey);
            return update.executeUpdate() == 1;
        }
    }

    void finish() throws SQLException {
        update("UPDATE " + TABLE + " SET finished_at = now(), updated_at = now() WHERE name = ?");
    }

    private void update(String sql) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, name);
            update.executeUpdate();
        }
    }
}
