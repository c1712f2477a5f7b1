package dev.keel.tools.migrate.devdb;

import dev.keel.tools.devservices.db.ServerDatabases.DevDatabaseInfo;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The development databases on a server held against the checkout's branches: which one is
 * current, and which belong to a branch that no longer exists (what {@code make db-prune} drops).
 */
public record BranchDatabases(List<DevDatabaseInfo> databases, Set<String> branches, String current) {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** Databases Keel made for a branch that is gone; never the current one, never a fixed name. */
    public List<DevDatabaseInfo> orphans() {
        return databases.stream()
                .filter(database -> database.keelMade()
                        && database.branch().isPresent()
                        && !branches.contains(database.branch().get())
                        && !database.name().equals(current))
                .toList();
    }

    private String state(DevDatabaseInfo database) {
        if (database.name().equals(current)) {
            return "current";
        }
        if (database.branch().isEmpty()) {
            return database.keelMade() ? "fixed name" : "not made by Keel";
        }
        return branches.contains(database.branch().get()) ? "" : "branch gone";
    }

    public void print(PrintWriter out) {
        out.printf("%-40s %-30s %10s  %-17s %s%n", "DATABASE", "BRANCH", "SIZE", "LAST USED (UTC)", "");
        for (DevDatabaseInfo database : databases) {
            out.printf(
                    "%-40s %-30s %10s  %-17s %s%n",
                    database.name(),
                    database.branch().orElse("-"),
                    size(database.sizeBytes()),
                    database.lastUsed().map(WHEN::format).orElse("-"),
                    state(database));
        }
        if (databases.isEmpty()) {
            out.println(
                    "(no development databases yet: the first make run or make migrate-up creates " + current + ")");
        }
        out.flush();
    }

    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " kB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
