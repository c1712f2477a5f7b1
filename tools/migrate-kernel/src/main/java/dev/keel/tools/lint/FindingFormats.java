package dev.keel.tools.lint;

import dev.keel.tools.migration.Json;
import dev.keel.tools.migration.MigrationException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Findings as people and tools read them: text for a terminal, JSON for scripts, SARIF 2.1.0 for
 * code-scanning UIs, and GitHub Actions workflow commands, which annotate the pull request's lines.
 */
public final class FindingFormats {

    public static final List<String> FORMATS = List.of("text", "json", "sarif", "github");

    private FindingFormats() {}

    public static void write(String format, List<Finding> findings, PrintWriter out) {
        switch (format) {
            case "text" -> text(findings, out);
            case "json" -> out.println(json(findings));
            case "sarif" -> out.println(sarif(findings));
            case "github" -> github(findings, out);
            default -> throw new MigrationException("--format must be one of " + FORMATS + ", not '" + format + "'.");
        }
        out.flush();
    }

    private static void text(List<Finding> findings, PrintWriter out) {
        for (Finding finding : findings) {
            out.printf(
                    "%s:%d:%d: %s [%s] %s%n    why: %s%n    fix: %s%n",
                    finding.file(),
                    finding.line(),
                    finding.column(),
                    finding.severity().label(),
                    finding.rule(),
                    finding.message(),
                    finding.why(),
                    finding.fix());
        }
    }

    static String json(List<Finding> findings) {
        return findings.stream()
                .map(finding -> "{\"file\":" + Json.string(finding.file())
                        + ",\"line\":" + finding.line()
                        + ",\"column\":" + finding.column()
                        + ",\"rule\":" + Json.string(finding.rule())
                        + ",\"severity\":" + Json.string(finding.severity().label())
                        + ",\"message\":" + Json.string(finding.message())
                        + ",\"why\":" + Json.string(finding.why())
                        + ",\"fix\":" + Json.string(finding.fix()) + "}")
                .collect(Collectors.joining(",\n  ", "[\n  ", "\n]"));
    }

    static String sarif(List<Finding> findings) {
        String rules = Arrays.stream(Rule.values())
                .map(rule -> "{\"id\":" + Json.string(rule.id())
                        + ",\"shortDescription\":{\"text\":" + Json.string(rule.why()) + "}"
                        + ",\"help\":{\"text\":"
                        + Json.string(rule.fix() + " (docs/migration-rules.md#" + rule.id() + ")") + "}"
                        + ",\"defaultConfiguration\":{\"level\":" + Json.string(level(rule.severity())) + "}}")
                .collect(Collectors.joining(","));
        String results = findings.stream()
                .map(finding -> "{\"ruleId\":" + Json.string(finding.rule())
                        + ",\"level\":" + Json.string(level(finding.severity()))
                        + ",\"message\":{\"text\":" + Json.string(finding.message() + ". " + finding.fix()) + "}"
                        + ",\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":"
                        + Json.string(finding.file()) + "},\"region\":{\"startLine\":" + finding.line()
                        + ",\"startColumn\":" + finding.column() + "}}}]}")
                .collect(Collectors.joining(","));
        return "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\"runs\":[{"
                + "\"tool\":{\"driver\":{\"name\":\"keel-migrate lint\",\"rules\":[" + rules + "]}},"
                + "\"results\":[" + results + "]}]}";
    }

    private static String level(Severity severity) {
        return severity == Severity.ERROR ? "error" : "warning";
    }

    private static void github(List<Finding> findings, PrintWriter out) {
        for (Finding finding : findings) {
            out.printf(
                    "::%s file=%s,line=%d,col=%d,title=%s::%s%n",
                    level(finding.severity()),
                    property(finding.file()),
                    finding.line(),
                    finding.column(),
                    property("keel " + finding.rule()),
                    data(finding.message() + ". Why: " + finding.why() + " Fix: " + finding.fix()));
        }
    }

    /** GitHub's escaping for a workflow command's message. */
    private static String data(String value) {
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** ... and for its properties, where : and , are separators too. */
    private static String property(String value) {
        return data(value).replace(":", "%3A").replace(",", "%2C");
    }
}
