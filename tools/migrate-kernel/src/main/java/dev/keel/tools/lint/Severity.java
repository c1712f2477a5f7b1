package dev.keel.tools.lint;

/** How bad a finding is: any ERROR fails make migrate-lint, make verify and CI; a WARNING is printed. */
public enum Severity {
    ERROR,
    WARNING;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
