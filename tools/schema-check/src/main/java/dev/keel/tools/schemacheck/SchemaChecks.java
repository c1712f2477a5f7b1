package dev.keel.tools.schemacheck;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.ibatis.session.Configuration;

/**
 * The three schema checks in one pass over a migrated database: the model checklist of every
 * domain table, today's statements (drift), and the previous release's statements
 * (compatibility), whose failures a contract-step migration new since that release excuses.
 */
public final class SchemaChecks {

    /** What a run found; it passes when {@code failures} is empty. */
    public record Report(List<String> lines, List<SchemaProblem> failures, List<SchemaProblem> excused) {

        public boolean passed() {
            return failures.isEmpty();
        }

        public String text() {
            return String.join("\n", lines);
        }
    }

    private SchemaChecks() {}

    /** With the application's own MyBatis configuration (a test inside the application). */
    public static Report run(Connection connection, Configuration current, PreviousRelease.Lookup previous)
            throws SQLException {
        return run(connection, current, List.of(), previous);
    }

    /** With this release's mapper XML read as text: a mapper that will not load was not checked, so it fails. */
    public static Report run(Connection connection, DetachedMappers.Loaded current, PreviousRelease.Lookup previous)
            throws SQLException {
        return run(connection, current.configuration(), current.problems(), previous);
    }

    private static Report run(
            Connection connection, Configuration current, List<SchemaProblem> unloaded, PreviousRelease.Lookup previous)
            throws SQLException {
        List<String> lines = new ArrayList<>();
        List<SchemaProblem> failures = new ArrayList<>();
        List<SchemaProblem> excused = new ArrayList<>();

        List<SchemaProblem> tables = DomainTableCheck.check(connection);
        lines.add("model checklist: " + tables.size() + " problem" + (tables.size() == 1 ? "" : "s"));
        failures.addAll(tables);

        MapperSchemaCheck.Result drift = MapperSchemaCheck.check("this release", current, connection);
        lines.add("drift: " + drift.summary());
        failures.addAll(unloaded);
        failures.addAll(drift.problems());

        lines.add("compatibility: " + previous.note());
        if (previous.release().isPresent()) {
            PreviousRelease release = previous.release().get();
            String label = "previous release " + release.ref();
            DetachedMappers.Loaded loaded = DetachedMappers.load(label, release.mappers());
            failures.addAll(loaded.problems()); // a mapper that will not load was not checked: never excused
            MapperSchemaCheck.Result compatibility = MapperSchemaCheck.check(label, loaded.configuration(), connection);
            lines.add("compatibility: " + compatibility.summary());
            List<PreviousRelease.ContractStep> steps = release.contractSteps();
            for (SchemaProblem problem : compatibility.problems()) {
                // Excused only by a contract step that takes away what the failing statement uses.
                if (steps.stream().anyMatch(step -> step.excuses(problem))) {
                    excused.add(problem);
                } else {
                    failures.add(problem);
                }
            }
            if (!excused.isEmpty()) {
                lines.add("compatibility: " + excused.size() + " problem" + (excused.size() == 1 ? "" : "s")
                        + " excused by contract step" + (steps.size() == 1 ? "" : "s") + " "
                        + steps.stream()
                                .map(step -> step.file().getFileName() + " (" + step.reason() + ")")
                                .collect(Collectors.joining(", "))
                        + ": the previous release breaks while this one rolls out");
                excused.forEach(problem -> lines.add("  excused: " + problem.describe()));
            }
            if (compatibility.problems().size() > excused.size()) {
                lines.add("compatibility: the release still running during the deploy would fail. Fix: keep what it "
                        + "uses (the old column, or a view under the old name) until it is gone; once no running release "
                        + "uses it, drop or rename it in a migration marked -- keel:contract <reason>");
            }
        }
        failures.forEach(problem -> lines.add("  FAIL " + problem.describe()));
        lines.add(
                failures.isEmpty()
                        ? "schema checks passed"
                        : "schema checks failed: " + failures.size() + " problem" + (failures.size() == 1 ? "" : "s"));
        return new Report(lines, failures, excused);
    }
}
