package dev.keel.tools.migration;

import dev.keel.tools.sql.FlywayScript;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A migration history as some tool runs it, in order: each step an up script and, when the tool
 * has one, the down script that reverts it. Read from files given in order, from a folder in any
 * layout {@link HistoryLayout} knows, or from Alembic's {@code upgrade --sql} output.
 */
public record MigrationHistory(List<Step> steps, String description) {

    public MigrationHistory {
        steps = List.copyOf(steps);
    }

    /** One migration: what runs going up, and what reverts it. */
    public record Step(String name, Script up, Optional<Script> down) {}

    /**
     * SQL to check, with the file findings name. {@code part} tells apart scripts that share a
     * file (an Alembic revision, a goose Up section); {@code sql} keeps the file's line numbers, the
     * other parts of the file blanked. {@code noTransaction}: the tool runs it outside a transaction,
     * as its file says (pop's .autocommit., sqlx's -- no-transaction, diesel's metadata.toml, ...).
     */
    public record Script(Path file, String part, String sql, Optional<String> flywayConfig, boolean noTransaction) {

        /** Identifies the script among all others, even those sharing its file. */
        public String key() {
            return part.isEmpty() ? file.toString() : file + "#" + part;
        }

        /** The script as the checker reads it; throws SqlSyntaxException on unreadable SQL. */
        public FlywayScript parse() {
            FlywayScript script = FlywayScript.parse(sql, flywayConfig);
            // The tool's own marker is the declaration Keel's header stands for in a Flyway project.
            return noTransaction
                    ? new FlywayScript(script.statements(), script.operations(), script.trailingComments(), true, true)
                    : script;
        }

        /** The script run outside a transaction: every statement commits on its own. */
        Script withoutTransaction() {
            return new Script(file, part, sql, flywayConfig, true);
        }

        static Script whole(Path file, boolean noTransaction) {
            return new Script(file, "", read(file), Optional.empty(), noTransaction);
        }

        /** Part of a file: {@code sql} keeps the lines of the file, the rest blanked. */
        static Script part(Path file, String part, String sql, boolean noTransaction) {
            return new Script(file, part, sql, Optional.empty(), noTransaction);
        }
    }

    /**
     * The history in {@code paths}, in the order given: a folder is read in its layout, a file is one
     * step (or one per revision, for Alembic output). {@code include}, a glob, picks the files of a
     * folder to read, such as *.postgres.* where a folder holds migrations for several databases.
     */
    public static MigrationHistory read(List<Path> paths, Optional<String> include) {
        Optional<PathMatcher> matcher =
                include.map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob));
        List<Step> steps = new ArrayList<>();
        List<String> layouts = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                HistoryLayout layout = HistoryLayout.detect(path);
                steps.addAll(layout.read(path, matcher));
                layouts.add(path + ": " + layout.description());
            } else if (Files.isRegularFile(path)) {
                layouts.add(path + ": " + addFile(steps, path));
            } else {
                throw new MigrationException("There is no file or folder " + path + " to check.");
            }
        }
        return new MigrationHistory(
                steps,
                steps.size() + " step" + (steps.size() == 1 ? "" : "s") + " (" + String.join("; ", layouts) + ")");
    }

    /**
     * The same history as a tool runs it that sends each statement on its own, each committing
     * (temporal's schema tool, {@code psql -f} without {@code --single-transaction}): no lock outlives
     * its statement, and SET LOCAL sets nothing.
     */
    public MigrationHistory autocommit() {
        return new MigrationHistory(
                steps.stream()
                        .map(step -> new Step(
                                step.name(),
                                step.up().withoutTransaction(),
                                step.down().map(Script::withoutTransaction)))
                        .toList(),
                description + ", every statement committing on its own");
    }

    /**
     * A file given on its own: Alembic output or annotated up/down sections split, a down of the
     * step before paired. Returns what the file was read as.
     */
    static String addFile(List<Step> steps, Path file) {
        String sql = read(file);
        if (AlembicOutput.isAlembic(sql)) {
            AlembicOutput.addTo(steps, file, sql);
            return "Alembic --sql output";
        }
        Optional<String> upName = HistoryLayout.upOfDown(file);
        if (upName.isPresent()
                && !steps.isEmpty()
                && steps.getLast().down().isEmpty()
                && steps.getLast().up().file().equals(file.resolveSibling(upName.get()))) {
            Step last = steps.removeLast();
            steps.add(new Step(last.name(), last.up(), Optional.of(HistoryLayout.downScript(file))));
            return "the down of the file before";
        }
        steps.add(AnnotatedScript.step(file, sql));
        return "a file";
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new MigrationException("Cannot read " + file + ": " + e.getMessage());
        }
    }
}
