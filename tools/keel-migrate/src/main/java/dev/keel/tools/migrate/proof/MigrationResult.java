package dev.keel.tools.migrate.proof;

import dev.keel.tools.migration.MigrationFiles;
import java.util.List;

/**
 * What the proof found for one migration: how many generated rows the tables held when it ran,
 * its problems (none: it passed on data and in its round trip), and notes that fail nothing,
 * such as generated rows the tables refused, and warnings for its status line that fail nothing but
 * make its pass worth less, such as a table the generator could not fill at all.
 */
public record MigrationResult(
        MigrationFiles.Migration migration,
        long rows,
        List<Problem> problems,
        List<String> notes,
        List<String> warnings) {

    public MigrationResult {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    public MigrationResult(MigrationFiles.Migration migration, long rows, List<Problem> problems, List<String> notes) {
        this(migration, rows, problems, notes, List.of());
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
