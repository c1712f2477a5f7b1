package dev.keel.tools.migrate.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.lint.Rule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The verdicts, without a database: what is missed, confirmed, or only sampled. */
class TraceReportTest {

    private static final String FILE = "migration/V20260101000100__drop.sql";

    @Test
    void aSampledLockWithAnUncoveredHazardIsPrintedAndNeverMissed() {
        TraceReport.Observation sampled = lock(true, List.of(), List.of("no lock_timeout"));
        TraceReport report = report(sampled);

        assertThat(sampled.missed()).isFalse();
        assertThat(sampled.confirmed()).isFalse();
        assertThat(report.missed()).isEmpty();
        assertThat(report.confirmed()).isEmpty();
        assertThat(report.sampled()).containsExactly(sampled);
        assertThat(report.failed()).isFalse();
        assertThat(print(report))
                .contains(
                        "line 2    DROP INDEX CONCURRENTLY t_n_idx",
                        "seen while the statement ran (sampled, hold time not measured)",
                        "sampled   trace-exclusive-lock  informational, never a finding (no lock_timeout)",
                        "0 dangers missed by the static rules, 0 confirmed, 1 sampled (informational)")
                .doesNotContain("MISSED", "held 0 ms");
    }

    @Test
    void theSameExactObservationIsMissed() {
        TraceReport.Observation exact = lock(false, List.of(), List.of("no lock_timeout"));
        TraceReport report = report(exact);

        assertThat(report.missed()).extracting(finding -> finding.rule()).containsExactly("trace-exclusive-lock");
        assertThat(report.failed()).isTrue();
        assertThat(print(report)).contains("MISSED    trace-exclusive-lock  no lock_timeout");
    }

    @Test
    void aSampledLockAStaticFindingReportsSaysSo() {
        TraceReport report = report(lock(true, List.of("drop-index-concurrently (line 2)"), List.of()));

        assertThat(report.confirmed()).isEmpty();
        assertThat(print(report))
                .contains(
                        "sampled   trace-exclusive-lock  informational, never a finding (reported by drop-index-concurrently (line 2))");
    }

    private static TraceReport.Observation lock(boolean sampled, List<String> confirmedBy, List<String> uncovered) {
        return new TraceReport.Observation(
                Rule.TRACE_EXCLUSIVE_LOCK,
                FILE,
                2,
                1,
                "DROP INDEX CONCURRENTLY t_n_idx",
                List.of("t_n_idx"),
                LockMode.ACCESS_EXCLUSIVE,
                sampled,
                "ACCESS EXCLUSIVE lock on t_n_idx",
                confirmedBy,
                uncovered);
    }

    private static TraceReport report(TraceReport.Observation observation) {
        TraceReport.HeldLock lock = new TraceReport.HeldLock(
                "t_n_idx (index of t)",
                LockMode.ACCESS_EXCLUSIVE,
                observation.sampled() ? null : 3L,
                0,
                false,
                null,
                200);
        TraceReport.MigrationResult migration = new TraceReport.MigrationResult(
                "V20260101000100__drop.sql",
                !observation.sampled(),
                1,
                5,
                List.of(),
                List.of(new TraceReport.StatementEffects(
                        2, observation.statement(), observation.sampled(), List.of(lock), List.of())));
        return new TraceReport(
                "PostgreSQL 17", 200, "test", List.of(migration), List.of(observation), List.of(), Optional.empty());
    }

    private static String print(TraceReport report) {
        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text));
        return text.toString();
    }
}
