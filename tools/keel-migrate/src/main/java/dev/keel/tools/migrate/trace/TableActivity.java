package dev.keel.tools.migrate.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What the current transaction did to each user table so far, from pg_stat_xact_user_tables:
 * sequential scans and rows written. The difference across a statement is that statement's work.
 */
record TableActivity(long seqScans, long rowsWritten) {

    private static final String QUERY = """
            SELECT relid, seq_scan, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables
            WHERE seq_scan > 0 OR n_tup_ins + n_tup_upd + n_tup_del > 0""";

    static Map<Long, TableActivity> inTransaction(Connection connection) throws SQLException {
        Map<Long, TableActivity> activity = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(QUERY);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                activity.put(rows.getLong(1), new TableActivity(rows.getLong(2), rows.getLong(3)));
            }
        }
        return activity;
    }

    /** Per table, what happened between the two snapshots; tables with nothing new are left out. */
    static Map<Long, TableActivity> delta(Map<Long, TableActivity> before, Map<Long, TableActivity> after) {
        Map<Long, TableActivity> delta = new HashMap<>();
        after.forEach((oid, now) -> {
            TableActivity then = before.getOrDefault(oid, new TableActivity(0, 0));
            TableActivity change = new TableActivity(now.seqScans - then.seqScans, now.rowsWritten - then.rowsWritten);
            if (change.seqScans > 0 || change.rowsWritten > 0) {
                delta.put(oid, change);
            }
        });
        return delta;
    }
}
