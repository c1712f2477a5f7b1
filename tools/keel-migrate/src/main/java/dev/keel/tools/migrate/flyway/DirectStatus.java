package dev.keel.tools.migrate.flyway;

import dev.keel.tools.migration.FlywaySettings;
import dev.keel.tools.migration.KeelRange;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Migrations#status()} reports, read without Flyway: the migration files and the history
 * table over plain JDBC, with Flyway's states, checksums, order and current version, and Keel's rule
 * for its own migrations behind the newest applied one. Flyway's start alone (its configuration,
 * plugins, Jackson and the scan) takes longer than the rest of a status run, the command a developer
 * runs most. It reads the histories Keel's commands write: the settings Keel's flyway.properties
 * has, well-named files directly in migration/, versioned SQL rows. For anything else (another
 * file, a .conf, a baseline, repeatable or undo row, a team's migration Flyway ignores, an
 * unreadable file) it answers empty and the caller asks Flyway, whose answers and errors stay the
 * only ones. DirectStatusTest holds both equal over many histories.
 */
public final class DirectStatus {

    private static final Pattern FILE = Pattern.compile("V(\\d{14})__([a-z][a-z0-9_]*)\\.sql");
    private static final Pattern VERSION = Pattern.compile("\\d{14}");
    /** The keys that change nothing Flyway's info reports (placeholders apart, which it never reads). */
    private static final Set<String> PLAIN_SETTINGS = Set.of(
            "flyway.locations",
            "flyway.table",
            "flyway.validateMigrationNaming",
            "flyway.postgresql.transactional.lock",
            "flyway.cleanDisabled");

    /** A migration file as Flyway resolves it. */
    record Resolved(String version, String description, String script, int checksum) {}

    /** A row of the history table. */
    record Applied(
            String version,
            String description,
            String script,
            @Nullable Integer checksum,
            String installedOn,
            boolean success) {}

    private DirectStatus() {}

    /** The report for {@code files} on {@code database}; empty when Flyway has to tell, also when it cannot connect. */
    public static Optional<Migrations.Report> read(Database database, MigrationFiles files) {
        try (Connection connection =
                DriverManager.getConnection(database.url(), database.user(), database.password())) {
            return read(connection, files);
        } catch (SQLException e) {
            return Optional.empty(); // Flyway's path reports the server it cannot reach
        }
    }

    /** The report for {@code files} on {@code connection}'s database; empty when Flyway has to tell. */
    public static Optional<Migrations.Report> read(Connection connection, MigrationFiles files) {
        try {
            FlywaySettings settings = files.settings();
            if (!plain(settings)) {
                return Optional.empty();
            }
            Optional<List<Resolved>> resolved = resolved(files.migrationDirectory());
            if (resolved.isEmpty()) {
                return Optional.empty();
            }
            Optional<List<Applied>> applied = applied(connection, settings.table());
            if (applied.isEmpty()) {
                return Optional.empty();
            }
            Set<String> withUndo = new HashSet<>();
            files.migrations().stream()
                    .filter(migration -> migration.undo().isPresent())
                    .forEach(migration -> withUndo.add(migration.version()));
            return report(resolved.get(), applied.get(), withUndo);
        } catch (SQLException | RuntimeException e) {
            return Optional.empty(); // Flyway's path meets the same problem and words it as ever
        }
    }

    private static boolean plain(FlywaySettings settings) {
        return settings.properties().keySet().stream()
                .allMatch(key -> PLAIN_SETTINGS.contains(key) || key.startsWith("flyway.placeholders."));
    }

    /** The files, by version; empty unless every entry of the folder is a well-named migration with a version of its own. */
    static Optional<List<Resolved>> resolved(Path directory) {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        TreeMap<String, Resolved> byVersion = new TreeMap<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Matcher name = FILE.matcher(entry.getFileName().toString());
                if (!name.matches() || !Files.isRegularFile(entry) || byVersion.containsKey(name.group(1))) {
                    return Optional.empty();
                }
                OptionalInt checksum = FlywayChecksum.of(entry);
                if (checksum.isEmpty()) {
                    return Optional.empty();
                }
                byVersion.put(
                        name.group(1),
                        new Resolved(
                                name.group(1),
                                name.group(2).replace('_', ' '),
                                entry.getFileName().toString(),
                                checksum.getAsInt()));
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return byVersion.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(byVersion.values()));
    }

    /**
     * The history table's rows, by installed rank, from the connection's current schema, where Flyway
     * keeps it; no rows when there is no table yet; empty for a row of any kind but a versioned SQL
     * migration, or a version applied twice.
     */
    static Optional<List<Applied>> applied(Connection connection, String table) throws SQLException {
        String schema;
        String kind;
        try (PreparedStatement lookup = connection.prepareStatement("SELECT n.nspname, c.relkind::text "
                + "FROM pg_catalog.pg_namespace n LEFT JOIN pg_catalog.pg_class c "
                + "ON c.relnamespace = n.oid AND c.relname = ? WHERE n.nspname = current_schema()")) {
            lookup.setString(1, table);
            try (ResultSet result = lookup.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                schema = result.getString(1);
                kind = result.getString(2);
            }
        }
        if (kind == null) {
            return Optional.of(List.of());
        }
        if (!kind.equals("r") && !kind.equals("p")) {
            return Optional.empty();
        }
        List<Applied> rows = new ArrayList<>();
        Set<String> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT version, description, type, script, checksum, installed_on, success FROM "
                                + quoted(schema) + "." + quoted(table) + " ORDER BY installed_rank")) {
            while (result.next()) {
                String version = result.getString(1);
                String description = result.getString(2);
                String script = result.getString(4);
                Timestamp installedOn = result.getTimestamp(6);
                if (version == null
                        || !VERSION.matcher(version).matches()
                        || !versions.add(version)
                        || !"SQL".equals(result.getString(3))
                        || description == null
                        || script == null
                        || installedOn == null) {
                    return Optional.empty();
                }
                int checksum = result.getInt(5);
                rows.add(new Applied(
                        version,
                        description,
                        script,
                        result.wasNull() ? null : checksum,
                        installedOn.toInstant().toString(),
                        result.getBoolean(7)));
            }
        }
        return Optional.of(rows);
    }

    /**
     * Flyway's info over these files and rows: the applied in installed order, then the pending by
     * version. A row below the newest applied before it was applied out of order; a row without a file
     * is missing when older than the newest file, else from the future (applied, as Flyway counts it).
     */
    static Optional<Migrations.Report> report(List<Resolved> resolved, List<Applied> applied, Set<String> withUndo) {
        Map<String, Resolved> files = new HashMap<>();
        resolved.forEach(file -> files.put(file.version(), file));
        String lastResolved = resolved.getLast().version();
        String lastApplied = "";
        List<Migrations.Status> rows = new ArrayList<>();
        for (Applied row : applied) {
            boolean outOfOrder = row.version().compareTo(lastApplied) < 0;
            if (!outOfOrder) {
                lastApplied = row.version();
            }
            Resolved file = files.get(row.version());
            String state;
            String checksum;
            if (file == null) {
                boolean missing = row.version().compareTo(lastResolved) < 0;
                state = missing ? "missing" : row.success() ? "applied" : "failed";
                checksum = missing ? "missing" : "ok";
            } else {
                state = !row.success()
                        ? "failed"
                        : outOfOrder && !KeelRange.keelsScript(row.script()) ? "out of order" : "applied";
                // Flyway's MigrationInfo#isChecksumMatching: a row without a checksum matches any file
                checksum = row.checksum() == null || row.checksum() == file.checksum() ? "ok" : "changed";
            }
            rows.add(new Migrations.Status(
                    row.version(),
                    row.description(),
                    state,
                    checksum,
                    withUndo.contains(row.version()),
                    row.installedOn()));
        }
        Set<String> appliedVersions = new HashSet<>();
        applied.forEach(row -> appliedVersions.add(row.version()));
        for (Resolved file : resolved) {
            if (appliedVersions.contains(file.version())) {
                continue;
            }
            // Behind the newest applied, Flyway ignores it unless it is Keel's (Migrations#applying):
            // an ignored one sorts among the applied, an order Flyway alone tells.
            if (file.version().compareTo(lastApplied) < 0 && !KeelRange.keelsScript(file.script())) {
                return Optional.empty();
            }
            rows.add(new Migrations.Status(
                    file.version(), file.description(), "pending", "", withUndo.contains(file.version()), ""));
        }
        String current =
                applied.stream().map(Applied::version).max(String::compareTo).orElse("");
        return Optional.of(new Migrations.Report(current, rows));
    }

    private static String quoted(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
