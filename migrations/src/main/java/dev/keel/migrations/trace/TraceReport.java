package dev.keel.migrations.trace;

import dev.keel.migrations.lint.Finding;
import dev.keel.migrations.lint.Rule;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * What replaying the migrations on data showed: per statement, the locks it took and the
 * relations it rewrote; which dangers the static rules confirmed or missed; and which of their
 * findings the replay did not bear out.
 */
public record TraceReport(String server, int rowsPerTable, List<MigrationResult> migrations,
                          List<Observation> observations, List<Finding> notObserved, Optional<Failure> failure) {

    /** A statement that failed: the replay stopped there. */
    public record Failure(String file, int line, String statement, String message) {
    }

    /**
     * A lock a statement took on a relation that existed before its file.
     *
     * @param scanned whether the table was scanned while it was held; null when not measured
     */
    public record HeldLock(String relation, LockMode mode, long heldMillis, int laterStatements, boolean lockTimeoutSet,
                           Boolean scanned, long rows) {
    }

    /** A statement that locked or rewrote relations that existed before its file; {@code sampled} outside a transaction. */
    public record StatementEffects(int line, String statement, boolean sampled, List<HeldLock> locks,
                                   List<String> rewritten) {
    }

    /** One migration file: how it ran, what the generator could not insert before it, and its statements' effects. */
    public record MigrationResult(String file, boolean transactional, int statements, long millis,
                                  List<String> fillProblems, List<StatementEffects> effects) {
    }

    /**
     * A danger the replay saw: a rewrite of an existing relation, or a lock on one that blocks
     * writes and was taken without lock_timeout, held across later statements, or over a scan.
     *
     * @param mode        the lock's mode; null for a rewrite
     * @param confirmedBy the static findings (or keel:allow comments) that cover its hazards
     * @param uncovered   the hazards no static finding covers: missed when there is any
     */
    public record Observation(Rule rule, String file, int line, int column, String statement, List<String> relations,
                              LockMode mode, String message, List<String> confirmedBy, List<String> uncovered) {

        public boolean missed() {
            return !uncovered.isEmpty();
        }

        public Finding toFinding() {
            return Finding.of(rule, file, line, column, message);
        }
    }

    /** The dangers no static finding covers, as findings of the trace-* rules. */
    public List<Finding> missed() {
        return observations.stream().filter(Observation::missed).map(Observation::toFinding).toList();
    }

    public List<Observation> confirmed() {
        return observations.stream().filter(observation -> !observation.missed()).toList();
    }

    /** True when something needs the developer: a missed danger or a failed statement. */
    public boolean failed() {
        return failure.isPresent() || !missed().isEmpty();
    }

    public void print(PrintWriter out) {
        new TextReport(this).print(out);
    }
}
