package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * The strongest table lock a statement takes on a live table, of the modes that block the
 * application: ACCESS EXCLUSIVE (reads and writes wait) or SHARE / SHARE ROW EXCLUSIVE (writes wait).
 */
record LockLevel(QualifiedName table, String mode) {

    static final String ACCESS_EXCLUSIVE = "ACCESS EXCLUSIVE";

    /** "an ACCESS EXCLUSIVE lock on widget", for messages. */
    @Override
    public String toString() {
        return (mode.startsWith("A") || mode.startsWith("E") ? "an " : "a ") + mode + " lock on " + table;
    }

    boolean isAccessExclusive() {
        return mode.equals(ACCESS_EXCLUSIVE);
    }

    static Optional<LockLevel> of(StatementContext context) {
        return switch (context.operation) {
            case Operation.AlterTable alter when context.isLive(alter.table()) -> alterLock(alter);
            case Operation.AlterTable alter ->
                referencedLiveTable(
                        context,
                        alter.actions().stream()
                                .filter(Operation.AddColumn.class::isInstance)
                                .map(action -> ((Operation.AddColumn) action).column())
                                .toList(),
                        alter.actions().stream()
                                .filter(Operation.AddConstraint.class::isInstance)
                                .map(action -> ((Operation.AddConstraint) action).constraint())
                                .toList());
            case Operation.CreateIndex index
            when !index.concurrently() && context.isLive(index.table()) ->
                Optional.of(new LockLevel(index.table(), "SHARE"));
            case Operation.DropIndex drop
            when !drop.concurrently()
                    && drop.indexes().stream()
                            .anyMatch(index -> !context.schema.isNewIndex(index, context.file.origin)) ->
                Optional.of(new LockLevel(
                        context.schema
                                .tableOfIndex(drop.indexes().getFirst())
                                .orElse(drop.indexes().getFirst()),
                        ACCESS_EXCLUSIVE));
            case Operation.Reindex reindex
            when !reindex.concurrently() -> Optional.of(new LockLevel(reindex.target(), "SHARE"));
            case Operation.Drop drop
            when drop.objectKind().equals("TABLE") ->
                drop.names().stream()
                        .filter(context::isLive)
                        .findFirst()
                        .map(table -> new LockLevel(table, ACCESS_EXCLUSIVE));
            case Operation.Truncate truncate ->
                truncate.tables().stream()
                        .filter(context::isLive)
                        .findFirst()
                        .map(table -> new LockLevel(table, ACCESS_EXCLUSIVE));
            case Operation.CreateTable create
            when create.partitionOf() && context.isLive(create.partitionParent()) ->
                Optional.of(new LockLevel(create.partitionParent(), ACCESS_EXCLUSIVE));
            case Operation.CreateTable create -> referencedLiveTable(context, create.columns(), create.constraints());
            case Operation.DropTrigger trigger
            when context.isLive(trigger.table()) -> Optional.of(new LockLevel(trigger.table(), ACCESS_EXCLUSIVE));
            case Operation.CreateTrigger trigger
            when context.isLive(trigger.table()) -> Optional.of(new LockLevel(trigger.table(), "SHARE ROW EXCLUSIVE"));
            case Operation.PolicyChange policy
            when context.isLive(policy.table()) -> Optional.of(new LockLevel(policy.table(), ACCESS_EXCLUSIVE));
            case Operation.LockTable lock
            when !lock.concurrently() && context.isLive(lock.table()) ->
                Optional.of(new LockLevel(lock.table(), lockTableMode(lock.command())));
            default -> Optional.empty();
        };
    }

    /** A foreign key on a new table still locks the live table it references, against writes, while it waits. */
    private static Optional<LockLevel> referencedLiveTable(
            StatementContext context,
            List<Operation.ColumnDefinition> columns,
            List<Operation.ConstraintDefinition> constraints) {
        return java.util.stream.Stream.concat(
                        columns.stream().map(Operation.ColumnDefinition::references),
                        constraints.stream().map(Operation.ConstraintDefinition::references))
                .filter(table -> table != null && context.isLive(table))
                .findFirst()
                .map(table -> new LockLevel(table, "SHARE ROW EXCLUSIVE"));
    }

    /** LOCK TABLE ... IN SHARE MODE takes SHARE; VACUUM FULL, CLUSTER and REFRESH take ACCESS EXCLUSIVE. */
    private static String lockTableMode(String command) {
        String prefix = "LOCK TABLE IN ";
        return command.startsWith(prefix) && command.endsWith(" MODE")
                ? command.substring(prefix.length(), command.length() - " MODE".length())
                : ACCESS_EXCLUSIVE;
    }

    /** Most ALTER TABLE actions take ACCESS EXCLUSIVE; adding a foreign key SHARE ROW EXCLUSIVE; VALIDATE neither. */
    private static Optional<LockLevel> alterLock(Operation.AlterTable alter) {
        String strongest = null;
        for (Operation.AlterAction action : alter.actions()) {
            String mode =
                    switch (action) {
                        case Operation.ValidateConstraint ignored -> null;
                        // SET STATISTICS and SET (storage parameters) take SHARE UPDATE EXCLUSIVE: reads and writes go
                        // on
                        case Operation.OtherAction other
                        when other.words().equals("SET") || other.words().startsWith("SET STATISTICS") -> null;
                        // DETACH PARTITION ... CONCURRENTLY takes SHARE UPDATE EXCLUSIVE, which blocks neither reads
                        // nor writes
                        case Operation.OtherAction other
                        when other.words().startsWith("DETACH PARTITION")
                                && other.words().endsWith(" CONCURRENTLY") -> null;
                        case Operation.AddConstraint add
                        when add.constraint().kind() == Operation.ConstraintKind.FOREIGN_KEY -> "SHARE ROW EXCLUSIVE";
                        default -> ACCESS_EXCLUSIVE;
                    };
            if (mode != null && (strongest == null || mode.equals(ACCESS_EXCLUSIVE))) {
                strongest = mode;
            }
        }
        return Optional.ofNullable(strongest).map(mode -> new LockLevel(alter.table(), mode));
    }
}
