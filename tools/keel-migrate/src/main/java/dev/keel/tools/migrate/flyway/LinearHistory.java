package dev.keel.tools.migrate.flyway;

import dev.keel.tools.migration.Git;
import dev.keel.tools.migration.KeelRange;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the migration history linear across branches. A migration added on a branch must sort
 * after the newest one on the main branch; otherwise, once merged, databases already past main's
 * newest would skip it. {@link #rebase} renames the branch's own pairs to versions after it (and a
 * pair at a version reserved for Keel's migrations to one that is not). Keel's own migrations
 * ({@link KeelRange}), which a template update brings at their own versions, are neither checked
 * nor renamed: every route applies them even below the newest applied version.
 */
public final class LinearHistory {

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** A branch migration given a new version. */
    public record Rename(String from, String to, String name) {}

    private final MigrationFiles files;
    private final String mainRef;

    public LinearHistory(MigrationFiles files, String mainRef) {
        this.files = files;
        this.mainRef = mainRef;
    }

    /** The main branch's migration versions, or empty when there is no git or no such ref to compare with. */
    public Optional<Set<String>> mainVersions() {
        return Git.versionsAt(mainRef, files.migrationDirectory()).map(TreeSet::new);
    }

    /** Problems naming each of the team's branch migrations that sorts before main's newest, and the fix. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        mainVersions().ifPresent(main -> {
            String newest = main.isEmpty() ? "" : ((TreeSet<String>) main).last();
            for (MigrationFiles.Migration migration : branchOnly(main)) {
                if (migration.version().compareTo(newest) < 0) {
                    problems.add(migration.file() + ": sorts before " + newest + ", the newest migration on " + mainRef
                            + "; databases past it would never run this one. Fix: make migrate-rebase");
                }
            }
        });
        return problems;
    }

    /** Renames the branch's own migrations (and their undo scripts) to versions after main's newest. */
    public List<Rename> rebase(Clock clock) throws IOException {
        Set<String> main = mainVersions()
                .orElseThrow(() -> new MigrationException(
                        "There is no " + mainRef + " to rebase onto (set --main to the main branch's ref)."));
        String newest = main.isEmpty() ? "0" : ((TreeSet<String>) main).last();
        List<MigrationFiles.Migration> mine = branchOnly(main);
        if (mine.stream()
                .allMatch(migration ->
                        migration.version().compareTo(newest) > 0 && !KeelRange.reserved(migration.version()))) {
            return List.of();
        }
        List<Rename> renames = new ArrayList<>();
        long next = Math.max(
                Long.parseLong(newest) + 1,
                Long.parseLong(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(VERSION)));
        for (MigrationFiles.Migration migration : mine) {
            String version = KeelRange.teamVersion(Long.toString(next));
            next = Long.parseLong(version) + 1;
            move(
                    migration.file(),
                    files.migrationDirectory().resolve("V" + version + "__" + migration.name() + ".sql"));
            if (migration.undo().isPresent()) {
                move(
                        migration.undo().get(),
                        files.undoDirectory().resolve("U" + version + "__" + migration.name() + ".sql"));
            }
            renames.add(new Rename(migration.version(), version, migration.name()));
        }
        return renames;
    }

    /** The team's migrations that main does not have; Keel's are Keel's to number. */
    private List<MigrationFiles.Migration> branchOnly(Set<String> main) {
        return files.migrations().stream()
                .filter(migration -> !main.contains(migration.version()))
                .filter(migration -> !KeelRange.keels(migration.version(), migration.name()))
                .toList();
    }

    /** git mv for tracked files, so history follows them; a plain move otherwise. */
    private static void move(Path from, Path to) throws IOException {
        if (Git.run(
                        from.toAbsolutePath().getParent(),
                        "mv",
                        from.getFileName().toString(),
                        to.toAbsolutePath().toString())
                .isEmpty()) {
            Files.move(from, to);
        }
    }
}
