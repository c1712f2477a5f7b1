package dev.keel.tools.migrate.generate;

import dev.keel.tools.migration.KeelRange;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The files that make a schema change, in the order Flyway runs them: each step one migration and its undo.
 * Steps after the first continue it (an index built concurrently, a constraint validated) and each takes
 * the next second as its version.
 */
public record MigrationPlan(List<SchemaChange> changes, List<Step> steps) {

    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** One migration: {@code suffix} is appended to the plan's name ({@code ""} for the main file). */
    public record Step(String suffix, String migration, String undo) {}

    /** A file to write, relative to the folder holding migration/ and undo/. */
    public record GeneratedFile(String path, String content) {}

    public MigrationPlan {
        changes = List.copyOf(changes);
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * Each step's V and U file, versions counting up by a second from {@code firstVersion} (yyyyMMddHHmmss), skipping
     * midnight, which is Keel's ({@link KeelRange}).
     */
    public List<GeneratedFile> files(String firstVersion, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A migration name is lower case letters, digits and _: " + name);
        }
        KeelRange.requireTeamName(name);
        LocalDateTime version = KeelRange.teamTime(LocalDateTime.parse(firstVersion, VERSION));
        List<GeneratedFile> files = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (i > 0) {
                version = KeelRange.teamTime(version.plusSeconds(1));
            }
            String file = version.format(VERSION) + "__" + name + step.suffix() + ".sql";
            files.add(new GeneratedFile("migration/V" + file, step.migration()));
            files.add(new GeneratedFile("undo/U" + file, step.undo()));
        }
        return List.copyOf(files);
    }
}
