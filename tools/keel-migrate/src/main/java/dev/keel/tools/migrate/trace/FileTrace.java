package dev.keel.tools.migrate.trace;

import dev.keel.tools.migrate.data.RowGenerator;
import dev.keel.tools.migration.MigrationFiles;
import java.util.List;
import java.util.Map;

/**
 * One migration file replayed: the live relations before it (those earlier releases created) and
 * their rows, what each statement did, and when the file's transaction (if it had one) committed.
 *
 * @param live        the live relations by oid: relations its own release group created are left out
 * @param commitNanos how long the commit (or the rollback after a failure) took
 * @param failure     null when every statement ran
 */
record FileTrace(
        MigrationFiles.Migration migration,
        boolean transactional,
        RowGenerator.FillReport fill,
        Map<Long, Relations.Relation> live,
        Map<Long, Long> rows,
        List<StatementTrace> statements,
        long startNanos,
        long endNanos,
        long commitNanos,
        TraceReport.Failure failure) {

    String file() {
        return migration.file().toString();
    }

    String fileName() {
        return migration.file().getFileName().toString();
    }
}
