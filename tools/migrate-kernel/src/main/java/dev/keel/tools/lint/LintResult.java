package dev.keel.tools.lint;

import java.util.List;

/** What the checker reported, and what keel:allow suppressed (kept so the trace can tell them apart). */
public record LintResult(List<Finding> findings, List<Finding> suppressed, int filesChecked) {

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }
}
