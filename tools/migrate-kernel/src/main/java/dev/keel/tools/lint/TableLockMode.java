package dev.keel.tools.lint;

import java.util.Locale;

/** PostgreSQL's table lock modes, weakest first, and NONE for a statement that locks no table. */
enum TableLockMode {
    NONE,
    ACCESS_SHARE,
    ROW_SHARE,
    ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    SHARE,
    SHARE_ROW_EXCLUSIVE,
    EXCLUSIVE,
    ACCESS_EXCLUSIVE;

    /** As the PostgreSQL documentation and LOCK TABLE write it: ACCESS EXCLUSIVE. */
    String label() {
        return name().replace('_', ' ').toUpperCase(Locale.ROOT);
    }

    /** SHARE and every stronger mode conflict with ROW EXCLUSIVE, the lock INSERT, UPDATE and DELETE take. */
    boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** A LOCK TABLE mode as written (SHARE ROW EXCLUSIVE); ACCESS EXCLUSIVE, LOCK TABLE's default, otherwise. */
    static TableLockMode ofLabel(String label) {
        for (TableLockMode mode : values()) {
            if (mode.label().equals(label.strip().toUpperCase(Locale.ROOT))) {
                return mode;
            }
        }
        return ACCESS_EXCLUSIVE;
    }
}
