package dev.keel.tools.migration;

/** A failure the command line reports as its message alone, with exit code 1. */
public class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
