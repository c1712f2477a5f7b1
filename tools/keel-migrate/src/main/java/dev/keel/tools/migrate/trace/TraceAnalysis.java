package dev.keel.tools.migrate.trace;

import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.Rule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Judges what the replay saw: which effects are dangers (rewrites, and write-blocking locks that
 * were not brief), whether static findings cover each of their hazards, and which static findings
 * the replay did not bear out. Locks seen by the sampler outside a transaction are reported as
 * sampled, never as missed: whether a brief one is caught changes from run to run.
 */
final class TraceAnalysis {

    private final StaticFindings findings;

    TraceAnalysis(StaticFindings findings) {
        this.findings = findings;
    }

    TraceReport analyze(String server, int rowsPerTable, String releases, List<FileTrace> files) {
        List<TraceReport.MigrationResult> migrations = new ArrayList<>();
        List<TraceReport.Observation> observations = new ArrayList<>();
        List<Finding> notObserved = new ArrayList<>();
        for (FileTrace file : files) {
            List<LockSpan> spans = strongestPerStatement(LockSpan.of(file)).stream()
                    .filter(span -> !span.alreadyHeld(file))
                    .toList();
            Set<Integer> observed = new HashSet<>();
            for (StatementTrace statement : file.statements()) {
                rewrite(file, statement).ifPresent(observation -> {
                    observations.add(observation);
                    observed.add(statement.index());
                });
                for (Rule rule : List.of(Rule.TRACE_EXCLUSIVE_LOCK, Rule.TRACE_WRITE_LOCK)) {
                    List<LockSpan> dangerous = spans.stream()
                            .filter(span -> span.first() == statement)
                            .filter(span -> span.mode().blocksWrites() && ruleOf(span) == rule)
                            .filter(span -> !span.hazards().isEmpty())
                            .toList();
                    if (!dangerous.isEmpty()) {
                        TraceReport.Observation observation = lockObservation(file, statement, rule, dangerous);
                        observations.add(observation);
                        int through = dangerous.stream()
                                .mapToInt(LockSpan::heldThrough)
                                .max()
                                .orElseThrow();
                        for (int i = statement.index(); i <= through; i++) {
                            observed.add(i);
                        }
                    }
                }
            }
            // A sample that saw nothing proves nothing: only exact statements can leave a finding unobserved.
            file.statements().stream()
                    .filter(statement -> !statement.sampled())
                    .filter(statement -> !observed.contains(statement.index()))
                    .forEach(statement -> notObserved.addAll(findings.observable(file, statement)));
            migrations.add(result(file, spans));
        }
        Optional<TraceReport.Failure> failure =
                files.stream().map(FileTrace::failure).filter(Objects::nonNull).findFirst();
        return new TraceReport(
                server,
                rowsPerTable,
                releases,
                List.copyOf(migrations),
                List.copyOf(observations),
                List.copyOf(notObserved),
                failure);
    }

    private static Rule ruleOf(LockSpan span) {
        return span.mode() == LockMode.ACCESS_EXCLUSIVE ? Rule.TRACE_EXCLUSIVE_LOCK : Rule.TRACE_WRITE_LOCK;
    }

    /**
     * One span per statement and table, its strongest lock, on the table itself when the mode ties:
     * the locks an ALTER TABLE also takes on the table's indexes and TOAST add nothing to read.
     */
    private static List<LockSpan> strongestPerStatement(List<LockSpan> spans) {
        Map<String, LockSpan> strongest = new LinkedHashMap<>();
        Comparator<LockSpan> order = Comparator.comparing(LockSpan::mode)
                .thenComparing(span -> -span.relation().rank());
        for (LockSpan span : spans) {
            strongest.merge(
                    span.first().index() + "/" + span.relation().tableOid(),
                    span,
                    (a, b) -> order.compare(a, b) >= 0 ? a : b);
        }
        return List.copyOf(strongest.values());
    }

    private Optional<TraceReport.Observation> rewrite(FileTrace file, StatementTrace statement) {
        List<Relations.Relation> rewritten = statement.rewritten().stream()
                .filter(relation -> file.live().containsKey(relation.oid()))
                .toList();
        if (rewritten.isEmpty()) {
            return Optional.empty();
        }
        String rows = rewritten.stream()
                .map(Relations.Relation::tableOid)
                .distinct()
                .map(table -> file.live().get(table))
                .filter(table -> table != null && table.isTable())
                .map(table -> table.name() + " held " + file.rows().getOrDefault(table.oid(), 0L) + " rows")
                .collect(Collectors.joining(", "));
        String message = "rewrote "
                + rewritten.stream().map(Relations.Relation::describe).collect(Collectors.joining(", "))
                + " (new relfilenode" + (rows.isEmpty() ? "" : "; " + rows) + ")";
        List<String> covering =
                findings.covering(file, Hazard.REWRITE, statement, List.of(statement), Rule.TRACE_REWRITE);
        // Exact even outside a transaction: the relfilenodes are compared before and after the statement.
        return Optional.of(observation(
                file,
                statement,
                Rule.TRACE_REWRITE,
                rewritten.stream().map(Relations.Relation::name).toList(),
                null,
                false,
                message,
                covering,
                covering.isEmpty() ? List.of(Hazard.REWRITE.label()) : List.of()));
    }

    private TraceReport.Observation lockObservation(
            FileTrace file, StatementTrace statement, Rule rule, List<LockSpan> spans) {
        int through = spans.stream().mapToInt(LockSpan::heldThrough).max().orElseThrow();
        List<StatementTrace> whileHeld = file.statements().subList(statement.index(), through + 1);
        Set<Hazard> hazards = new LinkedHashSet<>();
        spans.forEach(span -> hazards.addAll(span.hazards()));
        List<String> covering = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        for (Hazard hazard : hazards) {
            List<String> cover = findings.covering(file, hazard, statement, whileHeld, rule);
            covering.addAll(cover);
            if (cover.isEmpty()) {
                uncovered.add(hazard.label());
            }
        }
        String message = spans.stream()
                .map(span -> span.mode().label() + " lock on " + span.relation().describe()
                        + held(span)
                        + span.hazards().stream()
                                .map(hazard -> span.describe(hazard, file))
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        boolean sampled = statement.sampled();
        if (!uncovered.isEmpty() && !covering.isEmpty() && !sampled) {
            message += " (no static finding reports the " + String.join(" or the ", uncovered) + ")";
        }
        LockMode mode = spans.stream()
                .map(LockSpan::mode)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        return observation(
                file,
                statement,
                rule,
                spans.stream().map(span -> span.relation().name()).toList(),
                mode,
                sampled,
                message,
                covering.stream().distinct().toList(),
                uncovered);
    }

    private static String held(LockSpan span) {
        String blocked = span.mode().blocksReads() ? "reads and writes" : "writes";
        if (span.sampled()) {
            return " (blocks " + blocked + ") seen by the sampler while the statement ran outside a transaction, "
                    + "hold time not measured: ";
        }
        return " blocked " + blocked + " for " + span.heldMillis() + " ms: ";
    }

    private static TraceReport.Observation observation(
            FileTrace file,
            StatementTrace statement,
            Rule rule,
            List<String> relations,
            LockMode mode,
            boolean sampled,
            String message,
            List<String> confirmedBy,
            List<String> uncovered) {
        return new TraceReport.Observation(
                rule,
                file.file(),
                statement.line(),
                statement.statement().column(),
                statement.summary(),
                relations,
                mode,
                sampled,
                message,
                confirmedBy,
                uncovered);
    }

    private static TraceReport.MigrationResult result(FileTrace file, List<LockSpan> spans) {
        List<TraceReport.StatementEffects> effects = new ArrayList<>();
        for (StatementTrace statement : file.statements()) {
            List<TraceReport.HeldLock> locks = spans.stream()
                    .filter(span -> span.first() == statement)
                    .map(span -> new TraceReport.HeldLock(
                            span.relation().describe(),
                            span.mode(),
                            span.heldMillis(),
                            span.laterStatements(),
                            statement.lockTimeoutSet(),
                            span.scanned(),
                            file.rows().getOrDefault(span.relation().tableOid(), 0L)))
                    .toList();
            List<String> rewritten = statement.rewritten().stream()
                    .filter(relation -> file.live().containsKey(relation.oid()))
                    .map(Relations.Relation::describe)
                    .toList();
            if (!locks.isEmpty() || !rewritten.isEmpty()) {
                effects.add(new TraceReport.StatementEffects(
                        statement.line(), statement.summary(), statement.sampled(), locks, rewritten));
            }
        }
        return new TraceReport.MigrationResult(
                file.fileName(),
                file.transactional(),
                file.statements().size(),
                (file.endNanos() - file.startNanos()) / 1_000_000,
                file.fill().problems(),
                List.copyOf(effects));
    }
}
