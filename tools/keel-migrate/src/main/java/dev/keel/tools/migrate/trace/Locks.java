package dev.keel.tools.migrate.trace;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The table-level locks a backend holds on user relations, from pg_locks, with the relation's name. */
final class Locks {

    /** A lock on a relation, by oid: a rename must not make it look like a new lock. */
    record Lock(long oid, LockMode mode) {}

    private static final String QUERY = """
            SELECT l.relation, l.mode, c.relname FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation
            WHERE l.locktype = 'relation' AND l.granted AND l.relation >= 16384 AND l.pid = """;

    private Locks() {}

    /** What this session holds now; inside a transaction this is exact, as locks last until its end. */
    static Map<Lock, String> ofThisSession(Connection connection) throws SQLException {
        return query(connection, "pg_backend_pid()", null);
    }

    /** What another backend holds at this instant. */
    static Map<Lock, String> ofBackend(Connection observer, int pid) throws SQLException {
        return query(observer, "?", pid);
    }

    private static Map<Lock, String> query(Connection connection, String pid, Integer value) throws SQLException {
        Map<Lock, String> locks = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(QUERY + pid)) {
            if (value != null) {
                statement.setInt(1, value);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    LockMode mode = LockMode.fromPgName(rows.getString(2));
                    if (mode != null) {
                        locks.put(new Lock(rows.getLong(1), mode), rows.getString(3));
                    }
                }
            }
        }
        return locks;
    }
}
