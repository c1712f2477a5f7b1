package dev.keel.migrations.proof;

import dev.keel.migrations.MigrationFiles;
import java.util.List;

/**
 * What the proof found for one migration: how many generated rows the tables held when it ran,
 * its problems (none: it passed on data and in its round trip), and notes that fail nothing,
 * such as generated rows the tables refused.
 */
public record MigrationResult(MigrationFiles.Migration migration, long rows, List<Problem> problems,
                              List<String> notes) {

    public MigrationResult {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
