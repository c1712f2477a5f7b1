package dev.keel.tools.migrate.proof;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** The migration test's verdict, migration by migration, and how it prints. */
public record ProofReport(String where, int rowsPerTable, int migrationCount, List<MigrationResult> results) {

    public ProofReport {
        results = List.copyOf(results);
    }

    public boolean failed() {
        return results.stream().anyMatch(result -> !result.ok());
    }

    /** Every problem of every migration, for tests and tools. */
    public List<Problem> problems() {
        return results.stream().flatMap(result -> result.problems().stream()).toList();
    }

    public void print(PrintWriter out) {
        out.printf(
                "Migration test on %s: before each migration every table holds %d generated rows; "
                        + "each migration then goes up, down, up again.%n",
                where, rowsPerTable);
        for (MigrationResult result : results) {
            String name = result.migration().file().getFileName().toString();
            String status = result.ok()
                    ? "up, down, up: same catalog, no rows lost or changed"
                    : result.problems().stream()
                            .map(Problem::summary)
                            .distinct()
                            .collect(Collectors.joining(", "));
            if (!result.warnings().isEmpty()) {
                status += "; warning: " + String.join("; ", result.warnings());
            }
            out.printf("  %-6s %s  (on %d rows)  %s%n", result.ok() ? "ok" : "FAILED", name, result.rows(), status);
            result.problems().forEach(problem -> problem.details().forEach(line -> out.println("           " + line)));
            result.notes().forEach(note -> out.println("           note: " + note));
        }
        long failed = results.stream().filter(result -> !result.ok()).count();
        if (results.size() < migrationCount) {
            out.printf("Stopped there: the %d later migration(s) were not tried.%n", migrationCount - results.size());
        }
        out.printf(
                "%d of %d migrations passed on data and round trip%s%n",
                results.size() - failed, migrationCount, failed == 0 ? "." : "; " + failed + " failed.");
        out.flush();
    }
}
