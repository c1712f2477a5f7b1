package dev.keel.tools.lint;

import java.util.List;

/** What the checker reported, and what keel:allow suppressed (kept so the trace can tell them apart). */
public record LintResult(List<Finding> findings, List<Finding> suppressed, int filesChecked) {

    /** The hazards alone: without the findings of Keel's house conventions ({@link Rule#isConvention}). */
    public LintResult withoutConventions() {
        return new LintResult(
                findings.stream()
                        .filter(finding -> Rule.byId(finding.rule())
                                .map(rule -> !rule.isConvention())
                                .orElse(true))
                        .toList(),
                suppressed,
                filesChecked);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }
}
