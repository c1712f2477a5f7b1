package dev.keel.tools.migrate;

/**
 * The process-wide state keel-migrate's command line reads: {@code KeelMigrate.environment}, its working directory
 * and the production guard's environment. Test classes run concurrently (junit-platform.properties); one that sets
 * this state locks it for writing, one that runs commands locks it for reading.
 */
public final class ProcessEnvironment {

    /** The name for {@code @ResourceLock}. */
    public static final String LOCK = "keel-migrate's process environment";

    private ProcessEnvironment() {}
}
