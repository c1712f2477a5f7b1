package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.QualifiedName;
import java.util.Optional;

/**
 * The strongest table lock a statement takes on a live table, of the modes that block the
 * application: ACCESS EXCLUSIVE (reads and writes wait) or SHARE and stronger (writes wait). The
 * modes come from the lock table, {@link StatementKind}.
 */
record LockLevel(QualifiedName table, TableLockMode mode) {

    /** "an ACCESS EXCLUSIVE lock on widget", for messages. */
    @Override
    public String toString() {
        String label = mode.label();
        return (label.startsWith("A") || label.startsWith("E") ? "an " : "a ") + label + " lock on " + table;
    }

    boolean isAccessExclusive() {
        return mode == TableLockMode.ACCESS_EXCLUSIVE;
    }

    static Optional<LockLevel> of(StatementContext context) {
        StatementKinds.Locked strongest = null;
        for (StatementKinds.Locked locked : StatementKinds.of(context.operation, context.schema)) {
            if (blocks(locked)
                    && onLiveTable(context, locked)
                    && (strongest == null || locked.mode().compareTo(strongest.mode()) > 0)) {
                strongest = locked;
            }
        }
        return Optional.ofNullable(strongest).map(locked -> new LockLevel(lockedTable(context, locked), locked.mode()));
    }

    /** DROP INDEX locks the index's table: named when the migrations created the index, else the index. */
    private static QualifiedName lockedTable(StatementContext context, StatementKinds.Locked locked) {
        return context.operation instanceof Operation.DropIndex
                ? context.schema.tableOfIndex(locked.table()).orElse(locked.table())
                : locked.table();
    }

    /**
     * Writes wait behind it. Two exceptions: REFRESH ... CONCURRENTLY's EXCLUSIVE lock, as a
     * materialized view takes no writes and EXCLUSIVE lets its reads through; and DETACH PARTITION
     * ... CONCURRENTLY, whose ACCESS EXCLUSIVE on the partition comes in its second transaction,
     * after it waited out every transaction on the parent, in a file that can hold no SET LOCAL.
     */
    private static boolean blocks(StatementKinds.Locked locked) {
        return locked.mode().blocksWrites()
                && locked.kind() != StatementKind.REFRESH_MATERIALIZED_VIEW_CONCURRENTLY
                && locked.kind() != StatementKind.DETACH_PARTITION_CONCURRENTLY;
    }

    /** A lock on a table this release created blocks nobody; REINDEX counts as live whatever it names. */
    private static boolean onLiveTable(StatementContext context, StatementKinds.Locked locked) {
        return switch (context.operation) {
            case Operation.DropIndex ignored -> !context.schema.isNewIndex(locked.table(), context.file.origin);
            case Operation.Reindex ignored -> true;
            default -> context.isLive(locked.table());
        };
    }
}
