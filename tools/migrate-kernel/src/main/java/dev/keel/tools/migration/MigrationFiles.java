package dev.keel.tools.migration;

import dev.keel.tools.sql.FlywayScript;
import dev.keel.tools.sql.SqlSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The migration files on disk: {@code migration/V<version>__<name>.sql} run by Flyway, and their
 * undo scripts {@code undo/U<version>__<name>.sql}, kept apart so Flyway never runs them.
 * Versions are UTC timestamps (yyyyMMddHHmmss), so two branches rarely pick the same one.
 */
public final class MigrationFiles {

    static final Pattern VERSIONED = Pattern.compile("V(\\d{14})__([a-z][a-z0-9_]*)\\.sql");
    static final Pattern UNDO = Pattern.compile("U(\\d{14})__([a-z][a-z0-9_]*)\\.sql");

    /** One versioned migration and, when it has one, its undo script. */
    public record Migration(String version, String name, Path file, Optional<Path> undo) {

        public String description() {
            return name.replace('_', ' ');
        }
    }

    private final Path root;

    public MigrationFiles(Path root) {
        this.root = root;
    }

    /** The folder holding migration/, undo/ and flyway.properties. */
    public Path root() {
        return root;
    }

    /** How Flyway runs these files: the folder's flyway.properties, read on each call so an edit counts. */
    public FlywaySettings settings() {
        return FlywaySettings.of(root);
    }

    public Path migrationDirectory() {
        return root.resolve("migration");
    }

    public Path undoDirectory() {
        return root.resolve("undo");
    }

    /** Every well-named versioned migration, oldest first. */
    public List<Migration> migrations() {
        Map<String, Path> undos = new HashMap<>();
        for (Path undo : sqlFiles(undoDirectory())) {
            Matcher matcher = UNDO.matcher(undo.getFileName().toString());
            if (matcher.matches()) {
                undos.put(matcher.group(1) + "__" + matcher.group(2), undo);
            }
        }
        TreeMap<String, Migration> byVersion = new TreeMap<>();
        for (Path file : sqlFiles(migrationDirectory())) {
            Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
            if (matcher.matches()) {
                String key = matcher.group(1) + "__" + matcher.group(2);
                byVersion.putIfAbsent(
                        matcher.group(1),
                        new Migration(matcher.group(1), matcher.group(2), file, Optional.ofNullable(undos.get(key))));
            }
        }
        return List.copyOf(byVersion.values());
    }

    public Optional<Migration> find(String version) {
        return migrations().stream()
                .filter(migration -> migration.version().equals(version))
                .findFirst();
    }

    /** What is wrong with the files themselves, each naming the file and the fix; empty when all is well. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<String, List<Path>> byVersion = new TreeMap<>();
        for (Path file : sqlFiles(migrationDirectory())) {
            Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
            if (!matcher.matches()) {
                problems.add(file + ": not named V<yyyyMMddHHmmss>__<lower_case_name>.sql; "
                        + "create migrations with make migrate-create NAME=...");
                continue;
            }
            byVersion
                    .computeIfAbsent(matcher.group(1), version -> new ArrayList<>())
                    .add(file);
            KeelRange.problem(file, matcher.group(1), matcher.group(2)).ifPresent(problems::add);
        }
        byVersion.forEach((version, files) -> {
            if (files.size() > 1) {
                problems.add("version " + version + " is used by " + files.size() + " files: " + files
                        + "; give all but one a new version (make migrate-rebase)");
            }
        });
        for (Migration migration : migrations()) {
            migration.undo().ifPresent(undo -> {
                FlywayScript undoScript = script(undo);
                if (IntStream.range(0, undoScript.statements().size()).anyMatch(undoScript::cannotRunInTransaction)) {
                    problems.add(undo + ": an undo runs in one transaction with its history row, so it cannot use "
                            + "CONCURRENTLY, VACUUM or the like; use the plain form");
                }
                UndoScript.read(undo).problem(migration).ifPresent(problems::add);
            });
            if (migration.undo().isEmpty()) {
                problems.add(migration.file() + ": has no undo script; add "
                        + undoDirectory().resolve("U" + migration.version() + "__" + migration.name() + ".sql"));
            }
        }
        for (Path undo : sqlFiles(undoDirectory())) {
            Matcher matcher = UNDO.matcher(undo.getFileName().toString());
            if (!matcher.matches()) {
                problems.add(undo + ": not named U<yyyyMMddHHmmss>__<lower_case_name>.sql");
            } else if (!Files.exists(
                    migrationDirectory().resolve("V" + matcher.group(1) + "__" + matcher.group(2) + ".sql"))) {
                problems.add(undo + ": undoes no migration; its V" + matcher.group(1) + "__" + matcher.group(2)
                        + ".sql is missing");
                // A paired undo is named in its migration's problem; this one has none to carry it.
                KeelRange.problem(undo, matcher.group(1), matcher.group(2)).ifPresent(problems::add);
            }
        }
        return problems;
    }

    /** The file read as Flyway runs it; a syntax error names file, line and column. */
    public static FlywayScript script(Path file) {
        try {
            return FlywayScript.read(file);
        } catch (SqlSyntaxException e) {
            throw new MigrationException(file + " line " + e.line() + ", column " + e.column() + ": " + e.getMessage());
        }
    }

    private static List<Path> sqlFiles(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql"))
                    .sorted(Comparator.comparing(Path::getFileName))
                    .toList();
        } catch (IOException e) {
            throw new MigrationException("Cannot read " + directory + ": " + e.getMessage());
        }
    }
}
