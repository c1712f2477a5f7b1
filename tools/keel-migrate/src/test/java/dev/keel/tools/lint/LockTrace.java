package dev.keel.tools.lint;

import dev.keel.tools.devservices.PostgresEndpoint;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What one statement does on a real PostgreSQL, as the lock table records it: the strongest lock
 * it takes on the database's tables, whether a table's relfilenode changes (rewrite), whether it
 * reads rows of a table (tuples returned by its scans), and which indexes get a new relfilenode.
 */
final class LockTrace {

    record Measured(TableLockMode lock, boolean rewrites, boolean scans, Set<String> rebuilt) {}

    /** PostgreSQL refuses the statement in a transaction block. */
    private static final String NO_TRANSACTION_BLOCK = "25001";

    private static final String TABLES =
            "SELECT oid, relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'm')";

    private static final String FILENODES = "SELECT oid, relname, relkind, pg_relation_filenode(oid) FROM pg_class "
            + "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'm', 'i')";

    private LockTrace() {}

    /** Inside a transaction that rolls back, where pg_locks holds every lock the statement took; null if refused. */
    static Measured inTransaction(Connection connection, String sample) throws SQLException {
        connection.setAutoCommit(false);
        try {
            Map<Long, String> tables = tables(connection);
            Storage before = storage(connection);
            long readBefore = rowsRead(connection, tables, "pg_stat_get_xact_tuples_returned");
            try (Statement statement = connection.createStatement()) {
                statement.execute(sample);
            } catch (SQLException e) {
                if (NO_TRANSACTION_BLOCK.equals(e.getSQLState())) {
                    return null;
                }
                throw e;
            }
            TableLockMode lock = locks(connection, "pg_backend_pid()", tables);
            long readAfter = rowsRead(connection, tables, "pg_stat_get_xact_tuples_returned");
            return before.changes(storage(connection), lock, readAfter > readBefore);
        } finally {
            connection.rollback();
        }
    }

    /**
     * A statement that runs in transactions of its own (CREATE INDEX CONCURRENTLY and the like),
     * where its locks are gone when it returns. Blockers make it wait, and every wait shows its
     * locks, the one it waits for too: the first holds ROW EXCLUSIVE on every table (so the
     * statement waits for its first lock, or for the transactions it waits out), the second,
     * taken once the first wait is seen, ACCESS SHARE (so a later ACCESS EXCLUSIVE waits).
     */
    static Measured outsideTransaction(PostgresEndpoint database, String sample) throws Exception {
        try (Connection observer = LockTableFixture.connect(database);
                Connection runner = LockTableFixture.connect(database);
                Connection first = LockTableFixture.connect(database);
                Connection second = LockTableFixture.connect(database)) {
            Map<Long, String> tables = tables(observer);
            Storage before = storage(observer);
            int pid = single(runner, "SELECT pg_backend_pid()").intValue();
            single(runner, "SELECT pg_stat_force_next_flush()");
            long readBefore = flushedRowsRead(observer, tables);
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            // LOCK TABLE takes tables, not materialized views; a REFRESH waits for nobody anyway.
            execute(
                    first,
                    "DO $$DECLARE r regclass; BEGIN FOR r IN SELECT oid FROM pg_class WHERE relnamespace = "
                            + "'public'::regnamespace AND relkind IN ('r', 'p') LOOP "
                            + "EXECUTE format('LOCK TABLE %s IN ROW EXCLUSIVE MODE', r); END LOOP; END$$");
            Deque<Connection> blockers = new ArrayDeque<>(java.util.List.of(first, second));
            CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
                try {
                    execute(runner, sample);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            TableLockMode lock = TableLockMode.NONE;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!run.isDone() && System.nanoTime() < deadline) {
                TableLockMode now = locks(observer, Integer.toString(pid), tables);
                lock = now.compareTo(lock) > 0 ? now : lock;
                if (waits(observer, pid) && !blockers.isEmpty()) {
                    // Read its locks again while it is held: the sample above may predate its first lock, and
                    // once the blocker commits it may run to the end before the next one.
                    TableLockMode waiting = locks(observer, Integer.toString(pid), tables);
                    lock = waiting.compareTo(lock) > 0 ? waiting : lock;
                    Connection blocker = blockers.removeFirst();
                    if (blocker == first) {
                        shareWhatIsNotWaitedFor(second, observer, pid, tables);
                    }
                    blocker.commit();
                }
                Thread.sleep(2);
            }
            run.get(10, TimeUnit.SECONDS);
            for (Connection blocker : blockers) {
                blocker.commit();
            }
            single(runner, "SELECT pg_stat_force_next_flush()");
            return before.changes(storage(observer), lock, flushedRowsRead(observer, tables) > readBefore);
        }
    }

    /** ACCESS SHARE on each table the statement neither holds nor awaits ACCESS EXCLUSIVE on. */
    private static void shareWhatIsNotWaitedFor(
            Connection blocker, Connection observer, int pid, Map<Long, String> tables) throws SQLException {
        Set<Long> exclusive = new TreeSet<>();
        try (PreparedStatement query = observer.prepareStatement(
                "SELECT relation FROM pg_locks WHERE pid = ? AND locktype = 'relation' AND mode = 'AccessExclusiveLock'")) {
            query.setInt(1, pid);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    exclusive.add(rows.getLong(1));
                }
            }
        }
        for (Map.Entry<Long, String> table : tables.entrySet()) {
            if (!exclusive.contains(table.getKey())) {
                execute(blocker, "SAVEPOINT s");
                try {
                    execute(blocker, "LOCK TABLE ONLY " + table.getValue() + " IN ACCESS SHARE MODE NOWAIT");
                    execute(blocker, "RELEASE SAVEPOINT s");
                } catch (SQLException e) {
                    execute(blocker, "ROLLBACK TO SAVEPOINT s");
                }
            }
        }
    }

    private static boolean waits(Connection observer, int pid) throws SQLException {
        try (PreparedStatement query =
                observer.prepareStatement("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?")) {
            query.setInt(1, pid);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }

    /** The strongest relation lock a backend holds or awaits on one of the tables. */
    private static TableLockMode locks(Connection connection, String pid, Map<Long, String> tables)
            throws SQLException {
        TableLockMode strongest = TableLockMode.NONE;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT relation, mode FROM pg_locks WHERE locktype = 'relation' AND pid = " + pid)) {
            while (rows.next()) {
                if (tables.containsKey(rows.getLong(1))) {
                    TableLockMode mode = mode(rows.getString(2));
                    strongest = mode.compareTo(strongest) > 0 ? mode : strongest;
                }
            }
        }
        return strongest;
    }

    /** AccessExclusiveLock: ACCESS_EXCLUSIVE. */
    static TableLockMode mode(String pgName) {
        String words = pgName.replaceFirst("Lock$", "").replaceAll("([a-z])([A-Z])", "$1_$2");
        return TableLockMode.valueOf(words.toUpperCase(Locale.ROOT));
    }

    private static Map<Long, String> tables(Connection connection) throws SQLException {
        Map<Long, String> tables = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(TABLES)) {
            while (rows.next()) {
                tables.put(rows.getLong(1), rows.getString(2));
            }
        }
        return tables;
    }

    private static long rowsRead(Connection connection, Map<Long, String> tables, String function) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT coalesce(sum(" + function + "(oid)), 0) FROM unnest(?::oid[]) oid")) {
            Array oids = connection.createArrayOf("bigint", tables.keySet().toArray());
            query.setArray(1, oids);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Rows read as the statistics the other backends flushed say, read afresh. */
    private static long flushedRowsRead(Connection observer, Map<Long, String> tables) throws SQLException {
        single(observer, "SELECT pg_stat_clear_snapshot()");
        return rowsRead(observer, tables, "pg_stat_get_tuples_returned");
    }

    /** Tables by oid (a rename keeps it) and indexes by name (a type change makes them anew under theirs). */
    private record Storage(Map<Long, Long> tables, Map<String, Long> indexes) {

        Measured changes(Storage after, TableLockMode lock, boolean scans) {
            boolean rewrites = tables.entrySet().stream()
                    .anyMatch(table -> after.tables.get(table.getKey()) != null
                            && !Objects.equals(after.tables.get(table.getKey()), table.getValue()));
            Set<String> rebuilt = indexes.entrySet().stream()
                    .filter(index -> after.indexes.get(index.getKey()) != null
                            && !Objects.equals(after.indexes.get(index.getKey()), index.getValue()))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toCollection(TreeSet::new));
            return new Measured(lock, rewrites, scans, rebuilt);
        }
    }

    private static Storage storage(Connection connection) throws SQLException {
        Map<Long, Long> tables = new HashMap<>();
        Map<String, Long> indexes = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(FILENODES)) {
            while (rows.next()) {
                long filenode = rows.getLong(4);
                if (rows.getString(3).equals("i")) {
                    indexes.put(rows.getString(2), filenode);
                } else {
                    tables.put(rows.getLong(1), filenode);
                }
            }
        }
        return new Storage(tables, indexes);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Long single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            Object value = rows.getObject(1);
            return value instanceof Number number ? number.longValue() : 0L;
        }
    }
}
