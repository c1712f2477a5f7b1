package dev.keel.migrations.trace;

import dev.keel.migrations.MigrationException;
import dev.keel.migrations.MigrationFiles;
import dev.keel.migrations.data.RowGenerator;
import dev.keel.migrations.lint.Finding;
import dev.keel.migrations.sql.OperationParser;
import dev.keel.migrations.sql.SqlSplitter;
import dev.keel.migrations.sql.SqlStatement;
import dev.keel.migrations.sql.SqlSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The safety checker's dynamic half: replays every migration on an empty scratch database whose
 * tables hold generated rows, records what each statement locked and rewrote, and reports what
 * the static rules missed and what they found.
 */
public final class MigrationTrace {

    /** Opens a connection to the scratch database; the trace needs a second one to watch non-transactional files. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    /** Resolves Flyway placeholders in a migration's SQL, given its file name, as Flyway would before running it. */
    @FunctionalInterface
    public interface Resolver {
        String resolve(String sql, String fileName);

        static Resolver none() {
            return (sql, fileName) -> sql;
        }
    }

    private final Connector connector;
    private final RowGenerator generator;

    public MigrationTrace(Connector connector, RowGenerator generator) {
        this.connector = connector;
        this.generator = generator;
    }

    /**
     * Replays {@code files} in version order on the (empty) scratch database, stopping at the
     * first failing statement, and judges the effects against the static checker's findings.
     */
    public TraceReport run(MigrationFiles files, Resolver resolver, List<Finding> staticFindings,
                           List<Finding> suppressedFindings) {
        List<FileTrace> traces = new ArrayList<>();
        try (Connection session = connector.open(); FileReplay replay = new FileReplay(session, connector)) {
            session.setAutoCommit(true);
            String server = server(session);
            for (MigrationFiles.Migration migration : files.migrations()) {
                String fileName = migration.file().getFileName().toString();
                List<SqlStatement> statements = statements(migration, resolver.resolve(read(migration), fileName));
                RowGenerator.FillReport fill = generator.fillEmptyTables(session);
                FileTrace trace = replay.replay(migration, statements, !runsOutsideTransaction(migration, statements),
                        fill);
                traces.add(trace);
                if (trace.failure() != null) {
                    break;
                }
            }
            return new TraceAnalysis(new StaticFindings(staticFindings, suppressedFindings))
                    .analyze(server, generator.rowsPerTable(), traces);
        } catch (SQLException e) {
            throw new MigrationException("The trace failed on the scratch database: " + e.getMessage(), e);
        }
    }

    /** As Flyway decides: a file declaring itself non-transactional, or holding a statement no transaction may run. */
    private static boolean runsOutsideTransaction(MigrationFiles.Migration migration, List<SqlStatement> statements) {
        boolean declared = read(migration).lines()
                .anyMatch(line -> line.strip().equalsIgnoreCase(MigrationFiles.NON_TRANSACTIONAL));
        return declared || statements.stream().anyMatch(MigrationTrace::cannotRunInTransaction);
    }

    private static boolean cannotRunInTransaction(SqlStatement statement) {
        try {
            return OperationParser.cannotRunInTransaction(statement);
        } catch (RuntimeException e) {
            return false; // a statement the parser does not know runs as written; PostgreSQL will say if it cannot
        }
    }

    private static List<SqlStatement> statements(MigrationFiles.Migration migration, String sql) {
        try {
            return SqlSplitter.split(sql).statements();
        } catch (SqlSyntaxException e) {
            throw new MigrationException(migration.file() + " line " + e.line() + ", column " + e.column() + ": "
                    + e.getMessage());
        }
    }

    private static String read(MigrationFiles.Migration migration) {
        try {
            return Files.readString(migration.file());
        } catch (IOException e) {
            throw new MigrationException("Cannot read " + migration.file() + ": " + e.getMessage(), e);
        }
    }

    private static String server(Connection session) throws SQLException {
        try (Statement statement = session.createStatement();
             ResultSet result = statement.executeQuery("SELECT 'PostgreSQL ' || current_setting('server_version') "
                     + "|| ', database ' || current_database()")) {
            result.next();
            return result.getString(1);
        }
    }
}
