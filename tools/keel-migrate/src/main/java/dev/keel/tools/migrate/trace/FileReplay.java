package dev.keel.tools.migrate.trace;

import dev.keel.tools.migrate.data.RowGenerator;
import dev.keel.tools.migration.MigrationFiles;
import dev.keel.tools.sql.SqlStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Runs one migration file the way Flyway runs it, watching each statement: a transactional file
 * in one transaction, where pg_locks after each statement is exact; a non-transactional one
 * statement by statement in autocommit, with a second connection sampling pg_locks while each
 * runs, which can miss a brief lock or catch one by chance.
 */
final class FileReplay implements AutoCloseable {

    /** How a file ended: the failed statement (null when none), and how long its commit or rollback took. */
    private record Outcome(TraceReport.Failure failure, long commitNanos) {}

    private final Connection session;
    private final MigrationTrace.Connector connector;
    private Connection observer;

    FileReplay(Connection session, MigrationTrace.Connector connector) {
        this.session = session;
        this.connector = connector;
    }

    /** Runs the file; {@code live} are the relations it may hurt, those of earlier releases. */
    FileTrace replay(
            MigrationFiles.Migration migration,
            List<SqlStatement> statements,
            boolean transactional,
            RowGenerator.FillReport fill,
            Map<Long, Relations.Relation> live)
            throws SQLException {
        Map<Long, Long> rows = Relations.rowCounts(session, live);
        List<StatementTrace> traces = new ArrayList<>();
        long start = System.nanoTime();
        Outcome outcome = transactional
                ? inTransaction(migration, statements, traces)
                : statementByStatement(migration, statements, traces);
        return new FileTrace(
                migration,
                transactional,
                fill,
                Map.copyOf(live),
                rows,
                List.copyOf(traces),
                start,
                System.nanoTime(),
                outcome.commitNanos(),
                outcome.failure());
    }

    private Outcome inTransaction(
            MigrationFiles.Migration migration, List<SqlStatement> statements, List<StatementTrace> traces)
            throws SQLException {
        session.setAutoCommit(false);
        try {
            for (SqlStatement statement : statements) {
                String lockTimeout = lockTimeout();
                Map<Long, Relations.Relation> relationsBefore = Relations.snapshot(session);
                Map<Long, TableActivity> activityBefore = TableActivity.inTransaction(session);
                long started = System.nanoTime();
                SQLException failed = execute(statement);
                long ended = System.nanoTime();
                if (failed != null) {
                    session.rollback();
                    return new Outcome(failure(migration, statement, failed), System.nanoTime() - ended);
                }
                // Locks last until the transaction ends: what is held now and was not before, this statement took.
                traces.add(new StatementTrace(
                        traces.size(),
                        statement,
                        false,
                        started,
                        ended,
                        lockTimeout,
                        Locks.ofThisSession(session),
                        rewritten(relationsBefore, Relations.snapshot(session)),
                        TableActivity.delta(activityBefore, TableActivity.inTransaction(session))));
            }
            long committing = System.nanoTime();
            session.commit();
            return new Outcome(null, System.nanoTime() - committing);
        } catch (SQLException | RuntimeException e) {
            session.rollback();
            throw e;
        } finally {
            session.setAutoCommit(true); // after commit or rollback, so it never commits a half
        }
    }

    private Outcome statementByStatement(
            MigrationFiles.Migration migration, List<SqlStatement> statements, List<StatementTrace> traces)
            throws SQLException {
        int pid = backendPid();
        for (SqlStatement statement : statements) {
            String lockTimeout = lockTimeout();
            Map<Long, Relations.Relation> relationsBefore = Relations.snapshot(session);
            long started;
            long ended;
            SQLException failed;
            Map<Locks.Lock, String> seen;
            try (LockSampler sampler = new LockSampler(observer(), pid)) {
                started = System.nanoTime();
                failed = execute(statement);
                ended = System.nanoTime();
                seen = sampler.stop();
            }
            if (failed != null) {
                return new Outcome(failure(migration, statement, failed), 0);
            }
            traces.add(new StatementTrace(
                    traces.size(),
                    statement,
                    true,
                    started,
                    ended,
                    lockTimeout,
                    seen,
                    rewritten(relationsBefore, Relations.snapshot(session)),
                    Map.of()));
        }
        return new Outcome(null, 0);
    }

    private SQLException execute(SqlStatement statement) {
        try (Statement jdbc = session.createStatement()) {
            jdbc.execute(statement.text());
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private static TraceReport.Failure failure(
            MigrationFiles.Migration migration, SqlStatement statement, SQLException e) {
        return new TraceReport.Failure(
                migration.file().toString(), statement.line(), statement.summary(), e.getMessage());
    }

    /** Relations that existed before and after with a different file: rewritten in place. */
    private static List<Relations.Relation> rewritten(
            Map<Long, Relations.Relation> before, Map<Long, Relations.Relation> after) {
        List<Relations.Relation> rewritten = new ArrayList<>();
        after.forEach((oid, relation) -> {
            Relations.Relation old = before.get(oid);
            // Partitioned tables and views have no file (relfilenode 0).
            if (old != null
                    && old.filenode() != 0
                    && relation.filenode() != 0
                    && old.filenode() != relation.filenode()) {
                rewritten.add(relation);
            }
        });
        rewritten.sort(Comparator.comparingInt(Relations.Relation::rank).thenComparing(Relations.Relation::name));
        return rewritten;
    }

    private String lockTimeout() throws SQLException {
        return queryString("SELECT current_setting('lock_timeout')");
    }

    private int backendPid() throws SQLException {
        return Integer.parseInt(queryString("SELECT pg_backend_pid()"));
    }

    private String queryString(String sql) throws SQLException {
        try (Statement statement = session.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    /** The sampling connection, opened on first need and never in a transaction: CONCURRENTLY would wait for it. */
    private Connection observer() throws SQLException {
        if (observer == null) {
            observer = connector.open();
            observer.setAutoCommit(true);
        }
        return observer;
    }

    @Override
    public void close() throws SQLException {
        if (observer != null) {
            observer.close();
        }
    }
}
