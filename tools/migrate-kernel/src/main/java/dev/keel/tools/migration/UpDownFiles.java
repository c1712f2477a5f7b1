package dev.keel.tools.migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A folder of {@code <version>_<name>.up.sql} and {@code .down.sql} files (golang-migrate, sqlx,
 * pop). pop and ory's tools add the database before the direction ({@code x.postgres.up.sql}), and
 * a file without one runs on every database; {@code .autocommit.} marks a file run outside a
 * transaction.
 */
final class UpDownFiles {

    private static final Pattern NAME = Pattern.compile("(.+?)((?:\\.[A-Za-z0-9]+)*)\\.(up|down)\\.sql");
    private static final Set<String> DATABASES = Set.of(
            "postgres",
            "postgresql",
            "pg",
            "cockroach",
            "cockroachdb",
            "crdb",
            "mysql",
            "mariadb",
            "sqlite",
            "sqlite3",
            "mssql",
            "sqlserver",
            "oracle",
            "clickhouse",
            "spanner");
    private static final String AUTOCOMMIT = "autocommit";

    /** One file: its migration (name without infixes), direction, database infix (or none) and transaction. */
    private record Entry(Path file, String migration, boolean up, Optional<String> database, boolean autocommit) {}

    private UpDownFiles() {}

    static List<MigrationHistory.Step> read(Path directory, Optional<PathMatcher> include) {
        List<Entry> entries = new ArrayList<>();
        for (Path file : HistoryLayout.entries(directory, Files::isRegularFile)) {
            entry(file).ifPresent(entries::add);
        }
        Set<String> databases = new TreeSet<>();
        entries.forEach(entry -> entry.database().ifPresent(databases::add));
        if (include.isEmpty() && databases.size() > 1) {
            throw new MigrationException(directory + " holds migrations for several databases " + databases
                    + ": pick one with --include, such as --include '*."
                    + databases.iterator().next() + ".*'");
        }
        // The databases the glob picks: a file without an infix runs there too.
        Set<String> chosen = new TreeSet<>();
        entries.stream()
                .filter(entry -> entry.database().isPresent() && matches(include, directory, entry.file()))
                .forEach(entry -> chosen.add(entry.database().get()));
        Map<String, List<Entry>> byMigration = new TreeMap<>(VersionOrder.NATURAL);
        entries.forEach(entry -> byMigration
                .computeIfAbsent(entry.migration(), migration -> new ArrayList<>())
                .add(entry));
        List<MigrationHistory.Step> steps = new ArrayList<>();
        byMigration.forEach((migration, files) -> pick(files, true, include, directory, chosen)
                .ifPresent(up -> steps.add(new MigrationHistory.Step(
                        migration,
                        script(up),
                        pick(files, false, include, directory, chosen).map(UpDownFiles::script)))));
        return steps;
    }

    /** The file for one direction: the one the glob matches, the database's own before the one for all databases. */
    private static Optional<Entry> pick(
            List<Entry> files, boolean up, Optional<PathMatcher> include, Path directory, Set<String> chosen) {
        return files.stream()
                .filter(entry -> entry.up() == up)
                .filter(entry -> matches(include, directory, entry.file())
                        || entry.database().isEmpty()
                                && chosen.stream()
                                        .anyMatch(
                                                database -> matches(include, directory, withDatabase(entry, database))))
                .min(Comparator.comparing((Entry entry) -> entry.database().isEmpty()));
    }

    private static Path withDatabase(Entry entry, String database) {
        String name = entry.file().getFileName().toString();
        String suffix = entry.up() ? ".up.sql" : ".down.sql";
        String infixes = entry.autocommit() ? "." + database + "." + AUTOCOMMIT : "." + database;
        return entry.file()
                .resolveSibling(
                        name.substring(0, name.length() - suffix.length()).replace("." + AUTOCOMMIT, "")
                                + infixes
                                + suffix);
    }

    private static boolean matches(Optional<PathMatcher> include, Path directory, Path file) {
        return HistoryLayout.included(include, file.getFileName(), directory.relativize(file));
    }

    private static Optional<Entry> entry(Path file) {
        Matcher matcher = NAME.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String migration = matcher.group(1);
        Optional<String> database = Optional.empty();
        boolean autocommit = false;
        for (String infix : matcher.group(2).split("\\.")) {
            String word = infix.toLowerCase(Locale.ROOT);
            if (DATABASES.contains(word)) {
                database = Optional.of(word);
            } else if (word.equals(AUTOCOMMIT)) {
                autocommit = true;
            } else if (!word.isEmpty()) {
                migration += "." + infix; // part of the name, as in authelia's V0001.Initial_Schema.up.sql
            }
        }
        return Optional.of(new Entry(file, migration, matcher.group(3).equals("up"), database, autocommit));
    }

    private static MigrationHistory.Script script(Entry entry) {
        String sql = MigrationHistory.read(entry.file());
        boolean outside = entry.autocommit() || sql.stripLeading().startsWith("-- no-transaction");
        return MigrationHistory.Script.part(entry.file(), "", sql, outside);
    }
}
