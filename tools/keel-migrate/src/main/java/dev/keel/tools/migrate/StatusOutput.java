package dev.keel.tools.migrate;

import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migration.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** How status prints a report, as a table or JSON, and its exit code: 1 when an applied migration is changed, missing or failed. */
final class StatusOutput {

    private StatusOutput() {}

    static int print(Migrations.Report report, boolean json, PrintWriter out) {
        List<Migrations.Status> rows = report.migrations();
        String current = report.current();
        long pending = report.pending();
        if (json) {
            out.println(json(current, pending, rows));
        } else {
            out.printf("Current version: %s%nPending: %d%n%n", current.isEmpty() ? "(empty schema)" : current, pending);
            out.printf(
                    "%-16s %-32s %-14s %-9s %-5s %s%n",
                    "VERSION", "DESCRIPTION", "STATE", "CHECKSUM", "UNDO", "INSTALLED");
            for (Migrations.Status row : rows) {
                out.printf(
                        "%-16s %-32s %-14s %-9s %-5s %s%n",
                        row.version(),
                        row.description(),
                        row.state(),
                        row.checksum(),
                        row.undo() ? "yes" : "NO",
                        row.installedOn());
            }
        }
        out.flush();
        boolean unhealthy = rows.stream()
                .anyMatch(row -> List.of("changed", "missing").contains(row.checksum())
                        || row.state().equals("failed"));
        return unhealthy ? 1 : 0;
    }

    private static String json(String current, long pending, List<Migrations.Status> rows) {
        return "{\"current\":" + Json.string(current) + ",\"pending\":" + pending + ",\"migrations\":["
                + rows.stream()
                        .map(row -> "{\"version\":" + Json.string(row.version())
                                + ",\"description\":" + Json.string(row.description())
                                + ",\"state\":" + Json.string(row.state())
                                + ",\"checksum\":" + Json.string(row.checksum())
                                + ",\"undo\":" + row.undo()
                                + ",\"installedOn\":" + Json.string(row.installedOn()) + "}")
                        .collect(Collectors.joining(","))
                + "]}";
    }
}
