package dev.keel.tools.migrate.trace;

import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.ReleaseHistory;
import dev.keel.tools.migrate.data.RowGenerator;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import dev.keel.tools.sql.FlywayScript;
import dev.keel.tools.sql.SqlSyntaxException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The safety checker's dynamic half: replays every migration on an empty scratch database whose
 * tables hold generated rows, records what each statement locked and rewrote, and reports what
 * the static rules missed and what they found. As the static rules do, it counts a relation as
 * live when a migration of an earlier release created it, and as new when its own file or another
 * migration of the same release group did: nobody uses those yet.
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
    private final ReleaseHistory releases;

    /** {@code releases} must be the static checker's, so both agree on which tables are live. */
    public MigrationTrace(Connector connector, RowGenerator generator, ReleaseHistory releases) {
        this.connector = connector;
        this.generator = generator;
        this.releases = releases;
    }

    /**
     * Replays {@code files} in version order on the (empty) scratch database, stopping at the
     * first failing statement, and judges the effects against the static checker's findings.
     */
    public TraceReport run(
            MigrationFiles files, Resolver resolver, List<Finding> staticFindings, List<Finding> suppressedFindings) {
        List<FileTrace> traces = new ArrayList<>();
        // Which migration (by version) created each relation: the ones that appeared while it ran.
        Map<Long, String> createdBy = new HashMap<>();
        try (Connection session = connector.open();
                FileReplay replay = new FileReplay(session, connector)) {
            session.setAutoCommit(true);
            String server = server(session);
            for (MigrationFiles.Migration migration : files.migrations()) {
                FlywayScript script = script(migration, resolver);
                RowGenerator.FillReport fill = generator.fillEmptyTables(session);
                Map<Long, Relations.Relation> before = Relations.snapshot(session);
                FileTrace trace = replay.replay(
                        migration,
                        script.statements(),
                        script.runsInTransaction(),
                        fill,
                        live(before, createdBy, releases.group(migration.version())));
                Relations.snapshot(session).keySet().stream()
                        .filter(oid -> !before.containsKey(oid))
                        .forEach(oid -> createdBy.put(oid, migration.version()));
                traces.add(trace);
                if (trace.failure() != null) {
                    break;
                }
            }
            return new TraceAnalysis(new StaticFindings(staticFindings, suppressedFindings))
                    .analyze(server, generator.rowsPerTable(), releases.description(), traces);
        } catch (SQLException e) {
            throw new MigrationException("The trace failed on the scratch database: " + e.getMessage(), e);
        }
    }

    /**
     * The relations a file may hurt: all but those a migration of its own release group created,
     * and their indexes and TOAST (a relation counts as its table's).
     */
    private Map<Long, Relations.Relation> live(
            Map<Long, Relations.Relation> relations, Map<Long, String> createdBy, String group) {
        Map<Long, Relations.Relation> live = new HashMap<>();
        relations.forEach((oid, relation) -> {
            if (!newIn(group, createdBy.get(oid)) && !newIn(group, createdBy.get(relation.tableOid()))) {
                live.put(oid, relation);
            }
        });
        return live;
    }

    private boolean newIn(String group, String creator) {
        return creator != null && releases.group(creator).equals(group);
    }

    /**
     * The file as Flyway runs it: its placeholders resolved, split into statements, and in one
     * transaction or none as Flyway decides (a script config, or statements Flyway sees as
     * non-transactional; never the Keel header).
     */
    private static FlywayScript script(MigrationFiles.Migration migration, Resolver resolver) {
        Path file = migration.file();
        try {
            return FlywayScript.read(
                    file, sql -> resolver.resolve(sql, file.getFileName().toString()));
        } catch (SqlSyntaxException e) {
            throw new MigrationException(file + " line " + e.line() + ", column " + e.column() + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new MigrationException(e.getMessage(), e);
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
