package dev.keel.tools.migrate.trace;

import java.util.Arrays;
import java.util.Locale;

/** PostgreSQL's table-level lock modes, weakest first, with what each keeps other sessions from doing. */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock"),
    ROW_SHARE("RowShareLock"),
    ROW_EXCLUSIVE("RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock"),
    SHARE("ShareLock"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock"),
    EXCLUSIVE("ExclusiveLock"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock");

    private final String pgName;

    LockMode(String pgName) {
        this.pgName = pgName;
    }

    /** The mode as pg_locks names it, such as ShareLock; null for modes that are no table lock (SIReadLock). */
    public static LockMode fromPgName(String name) {
        return Arrays.stream(values())
                .filter(mode -> mode.pgName.equals(name))
                .findFirst()
                .orElse(null);
    }

    public String pgName() {
        return pgName;
    }

    /** As the PostgreSQL documentation writes it: ACCESS EXCLUSIVE. */
    public String label() {
        return name().replace('_', ' ').toUpperCase(Locale.ROOT);
    }

    /** SHARE and every stronger mode conflict with ROW EXCLUSIVE, the lock INSERT, UPDATE and DELETE take. */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** Only ACCESS EXCLUSIVE conflicts with ACCESS SHARE, the lock a plain SELECT takes. */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }
}
