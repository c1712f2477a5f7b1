package dev.keel.tools.migrate.trace;

import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.Rule;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * What replaying the migrations on data showed: per statement, the locks it took on live
 * relations and the live relations it rewrote; which dangers the static rules confirmed or
 * missed; what the lock sampler saw outside transactions (informational); and which static
 * findings the replay did not bear out.
 *
 * @param releases how the release groups were read, which decide what is live
 */
public record TraceReport(
        String server,
        int rowsPerTable,
        String releases,
        List<MigrationResult> migrations,
        List<Observation> observations,
        List<Finding> notObserved,
        Optional<Failure> failure) {

    /** A statement that failed: the replay stopped there. */
    public record Failure(String file, int line, String statement, String message) {}

    /**
     * A lock a statement took on a live relation (one an earlier release created).
     *
     * @param heldMillis from the statement's start to the commit; null when sampled, which measures no hold time
     * @param scanned    whether the table was scanned while it was held; null when not measured
     */
    public record HeldLock(
            String relation,
            LockMode mode,
            Long heldMillis,
            int laterStatements,
            boolean lockTimeoutSet,
            Boolean scanned,
            long rows) {}

    /** A statement that locked or rewrote live relations; {@code sampled} outside a transaction. */
    public record StatementEffects(
            int line, String statement, boolean sampled, List<HeldLock> locks, List<String> rewritten) {}

    /** One migration file: how it ran, what the generator could not insert before it, and its statements' effects. */
    public record MigrationResult(
            String file,
            boolean transactional,
            int statements,
            long millis,
            List<String> fillProblems,
            List<StatementEffects> effects) {}

    /**
     * A danger the replay saw: a rewrite of a live relation, or a lock on one that blocks writes
     * and was taken without lock_timeout, held across later statements, or over a scan.
     *
     * @param mode        the lock's mode; null for a rewrite
     * @param sampled     a lock the sampler saw outside a transaction: whether it is caught varies from
     *                    run to run, so it informs and is never missed (rewrites are exact everywhere)
     * @param confirmedBy the static findings (or keel:allow comments) that cover its hazards
     * @param uncovered   the hazards no static finding covers: missed when there is any and it is exact
     */
    public record Observation(
            Rule rule,
            String file,
            int line,
            int column,
            String statement,
            List<String> relations,
            LockMode mode,
            boolean sampled,
            String message,
            List<String> confirmedBy,
            List<String> uncovered) {

        public boolean missed() {
            return !sampled && !uncovered.isEmpty();
        }

        public boolean confirmed() {
            return !sampled && uncovered.isEmpty();
        }

        public Finding toFinding() {
            return Finding.of(rule, file, line, column, message);
        }
    }

    /** The dangers no static finding covers, as findings of the trace-* rules. */
    public List<Finding> missed() {
        return observations.stream()
                .filter(Observation::missed)
                .map(Observation::toFinding)
                .toList();
    }

    public List<Observation> confirmed() {
        return observations.stream().filter(Observation::confirmed).toList();
    }

    /** What the sampler saw outside transactions: printed, never a finding. */
    public List<Observation> sampled() {
        return observations.stream().filter(Observation::sampled).toList();
    }

    /** True when something needs the developer: a missed danger or a failed statement. */
    public boolean failed() {
        return failure.isPresent() || !missed().isEmpty();
    }

    public void print(PrintWriter out) {
        new TextReport(this).print(out);
    }
}
