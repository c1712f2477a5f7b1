package dev.keel.tools.lint;

/**
 * One thing a rule found: where (file, 1-based line and column), which rule, how bad, what
 * happened, why it is dangerous and the safe alternative.
 */
public record Finding(
        String file, int line, int column, String rule, Severity severity, String message, String why, String fix) {

    public static Finding of(Rule rule, String file, int line, int column, String message) {
        return new Finding(file, line, column, rule.id(), rule.severity(), message, rule.why(), rule.fix());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
