package dev.keel.tools.migrate.generate;

import java.util.Locale;

/** What the person generating a migration allows beyond the safe changes: {@code ALLOW=drop,rewrite}. */
public enum Allowance {
    /** Drops of tables, columns, constraints and enum types: the running release may still use them. */
    DROP,
    /** Changes that rewrite or scan a table under an exclusive lock: a type change, a volatile default. */
    REWRITE;

    /** The word that allows it in {@code ALLOW=}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
