package dev.keel.tools.migrate.proof;

/**
 * Moves the scratch database one migration at a time, the way keel-migrate up and down do, so
 * the proof tries the same code the team runs (Flyway up, undo scripts with their history row).
 */
public interface Migrator {

    /** Applies the pending migrations up to and including {@code version}; throws with Flyway's failure as cause. */
    void up(String version);

    /** Undoes the newest applied migration with its undo script; throws when the undo fails, nothing undone. */
    void undoLast();
}
