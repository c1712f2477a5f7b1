package dev.keel.tools.migrate.trace;

import dev.keel.tools.lint.Finding;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The trace report as a developer reads it: per migration, per statement line, one short aligned line per fact. */
final class TextReport {

    private static final String INDENT = "             ";

    private final TraceReport report;

    TextReport(TraceReport report) {
        this.report = report;
    }

    void print(PrintWriter out) {
        out.printf(
                "Trace on %s: each migration replayed after filling its empty tables with %d generated rows.%n",
                report.server(), report.rowsPerTable());
        out.printf("Live tables are those an earlier release created. Releases: %s.%n", report.releases());
        for (TraceReport.MigrationResult migration : report.migrations()) {
            out.printf(
                    "%n%s  (%s, %d statement%s, %d ms)%n",
                    migration.file(),
                    migration.transactional() ? "one transaction" : "no transaction, locks sampled",
                    migration.statements(),
                    migration.statements() == 1 ? "" : "s",
                    migration.millis());
            migration.fillProblems().forEach(problem -> out.println("  rows     " + problem));
            if (migration.effects().isEmpty()) {
                out.println("  touched no live table");
            }
            for (TraceReport.StatementEffects statement : migration.effects()) {
                printStatement(out, migration, statement);
            }
        }
        report.failure()
                .ifPresent(failure -> out.printf(
                        "%nFAILED   %s line %d: %s%n%s%s%n",
                        failure.file(), failure.line(), failure.statement(), INDENT, failure.message()));
        if (!report.notObserved().isEmpty()) {
            out.printf(
                    "%nStatic findings the replay did not bear out on %d rows per table "
                            + "(the static rules are stricter on purpose):%n",
                    report.rowsPerTable());
            for (Finding finding : report.notObserved()) {
                out.printf("  %s:%d  %s  not observed%n", finding.file(), finding.line(), finding.rule());
            }
        }
        out.printf(
                "%n%d danger%s missed by the static rules, %d confirmed, %d sampled (informational), "
                        + "%d static finding%s not observed%s.%n",
                report.missed().size(),
                report.missed().size() == 1 ? "" : "s",
                report.confirmed().size(),
                report.sampled().size(),
                report.notObserved().size(),
                report.notObserved().size() == 1 ? "" : "s",
                report.failure().isPresent() ? "; the replay stopped at a failed statement" : "");
        out.flush();
    }

    private void printStatement(
            PrintWriter out, TraceReport.MigrationResult migration, TraceReport.StatementEffects statement) {
        out.printf("  line %-4d %s%n", statement.line(), statement.statement());
        for (TraceReport.HeldLock lock : statement.locks()) {
            out.printf("%slock     %-22s %s%n", INDENT, lock.mode().label(), describe(lock, statement.sampled()));
        }
        if (!statement.rewritten().isEmpty()) {
            out.printf("%srewrote  %s%n", INDENT, String.join(", ", statement.rewritten()));
        }
        for (TraceReport.Observation observation : report.observations()) {
            if (observation.file().endsWith(migration.file()) && observation.line() == statement.line()) {
                out.printf(
                        "%s%-9s %s%s%n",
                        INDENT,
                        observation.sampled() ? "sampled" : observation.missed() ? "MISSED" : "confirmed",
                        observation.rule().id(),
                        verdict(observation));
            }
        }
    }

    private static String verdict(TraceReport.Observation observation) {
        if (observation.sampled()) {
            String by = observation.confirmedBy().isEmpty()
                    ? ""
                    : "reported by " + String.join(", ", observation.confirmedBy());
            String hazards = String.join(", ", observation.uncovered());
            return "  informational, never a finding"
                    + (hazards.isEmpty() && by.isEmpty()
                            ? ""
                            : " (" + hazards + (hazards.isEmpty() || by.isEmpty() ? "" : "; ") + by + ")");
        }
        if (!observation.missed()) {
            return " by " + String.join(", ", observation.confirmedBy());
        }
        return "  " + String.join(", ", observation.uncovered())
                + (observation.confirmedBy().isEmpty()
                        ? ""
                        : " (the rest: " + String.join(", ", observation.confirmedBy()) + ")");
    }

    private static String describe(TraceReport.HeldLock lock, boolean sampled) {
        List<String> facts = new ArrayList<>();
        facts.add(lock.relation() + " (" + lock.rows() + " rows)");
        facts.add(
                sampled
                        ? "seen while the statement ran (sampled, hold time not measured)"
                        : "held " + lock.heldMillis() + " ms");
        if (lock.laterStatements() > 0) {
            facts.add("over " + lock.laterStatements() + " later statement" + (lock.laterStatements() == 1 ? "" : "s"));
        }
        if (Boolean.TRUE.equals(lock.scanned())) {
            facts.add("table scanned");
        }
        facts.add(lock.lockTimeoutSet() ? "lock_timeout set" : "no lock_timeout");
        return String.join(", ", facts);
    }
}
