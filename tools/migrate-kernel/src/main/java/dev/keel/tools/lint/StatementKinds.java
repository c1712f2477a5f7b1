package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.QualifiedName;
import dev.keel.tools.sql.TypeName;
import java.util.ArrayList;
import java.util.List;

/** Which rows of the lock table ({@link StatementKind}) a parsed statement is, and on which tables. */
final class StatementKinds {

    /** One kind the statement is, the table it locks so, and the mode (LOCK TABLE's own, else the row's). */
    record Locked(StatementKind kind, QualifiedName table, TableLockMode mode) {

        Locked(StatementKind kind, QualifiedName table) {
            this(kind, table, kind.lock());
        }
    }

    private StatementKinds() {}

    static List<Locked> of(Operation operation, SchemaModel schema) {
        List<Locked> kinds = new ArrayList<>();
        switch (operation) {
            case Operation.CreateTable create -> createTable(create, kinds);
            case Operation.AlterTable alter -> {
                SchemaModel.Table table = schema.table(alter.table());
                for (Operation.AlterAction action : alter.actions()) {
                    StatementKind kind = ofAction(action, table, schema);
                    kinds.add(new Locked(kind, alter.table()));
                    // A foreign key also locks the table it references, as a new table's does.
                    QualifiedName referenced = referenced(action);
                    if (referenced != null) {
                        kinds.add(new Locked(kind, referenced, StatementKind.CREATE_TABLE_REFERENCING.lock()));
                    }
                }
            }
            case Operation.CreateIndex index ->
                kinds.add(new Locked(
                        index.concurrently()
                                ? StatementKind.CREATE_INDEX_CONCURRENTLY
                                : index.only() ? StatementKind.CREATE_INDEX_ON_ONLY : StatementKind.CREATE_INDEX,
                        index.table()));
            case Operation.DropIndex drop ->
                drop.indexes()
                        .forEach(index -> kinds.add(new Locked(
                                drop.concurrently() ? StatementKind.DROP_INDEX_CONCURRENTLY : StatementKind.DROP_INDEX,
                                index)));
            case Operation.Reindex reindex ->
                kinds.add(new Locked(
                        reindex.concurrently()
                                ? StatementKind.REINDEX_CONCURRENTLY
                                : reindex.targetKind().equals("INDEX")
                                        ? StatementKind.REINDEX_INDEX
                                        : StatementKind.REINDEX_TABLE,
                        reindex.target()));
            case Operation.Drop drop -> {
                StatementKind kind =
                        switch (drop.objectKind()) {
                            case "TABLE" -> StatementKind.DROP_TABLE;
                            case "MATERIALIZED VIEW" -> StatementKind.DROP_MATERIALIZED_VIEW;
                            default -> StatementKind.DROP_OTHER;
                        };
                drop.names().forEach(name -> kinds.add(new Locked(kind, name)));
            }
            case Operation.Truncate truncate ->
                truncate.tables().forEach(table -> kinds.add(new Locked(StatementKind.TRUNCATE, table)));
            case Operation.CreateEnum ignored -> kinds.add(new Locked(StatementKind.CREATE_ENUM, null));
            case Operation.AddEnumValue ignored -> kinds.add(new Locked(StatementKind.ADD_ENUM_VALUE, null));
            case Operation.SetParameter ignored -> kinds.add(new Locked(StatementKind.SET_PARAMETER, null));
            case Operation.TransactionControl ignored -> kinds.add(new Locked(StatementKind.TRANSACTION_CONTROL, null));
            case Operation.CreateTrigger trigger ->
                kinds.add(new Locked(StatementKind.CREATE_TRIGGER, trigger.table()));
            case Operation.DropTrigger trigger -> kinds.add(new Locked(StatementKind.DROP_TRIGGER, trigger.table()));
            case Operation.PolicyChange policy ->
                kinds.add(new Locked(
                        switch (policy.command()) {
                            case "CREATE POLICY" -> StatementKind.CREATE_POLICY;
                            case "ALTER POLICY" -> StatementKind.ALTER_POLICY;
                            default -> StatementKind.DROP_POLICY;
                        },
                        policy.table()));
            case Operation.Delete delete -> kinds.add(new Locked(StatementKind.DELETE, delete.table()));
            case Operation.Update update -> kinds.add(new Locked(StatementKind.UPDATE, update.table()));
            case Operation.Insert insert -> kinds.add(new Locked(StatementKind.INSERT, insert.table()));
            case Operation.LockTable lock -> kinds.add(lockTable(lock));
            case Operation.Other other ->
                kinds.add(new Locked(
                        switch (other.command()) {
                            case "COMMENT" -> StatementKind.COMMENT;
                            case "GRANT", "REVOKE" -> StatementKind.GRANT;
                            default -> StatementKind.OTHER;
                        },
                        null));
        }
        return kinds;
    }

    private static void createTable(Operation.CreateTable create, List<Locked> kinds) {
        if (create.partitionOf()) {
            kinds.add(new Locked(StatementKind.CREATE_TABLE_PARTITION_OF, create.partitionParent()));
        }
        if (create.asQuery()) {
            kinds.add(new Locked(StatementKind.CREATE_TABLE_AS, create.table()));
        }
        create.columns().stream()
                .map(Operation.ColumnDefinition::references)
                .filter(table -> table != null)
                .forEach(table -> kinds.add(new Locked(StatementKind.CREATE_TABLE_REFERENCING, table)));
        create.constraints().stream()
                .map(Operation.ConstraintDefinition::references)
                .filter(table -> table != null)
                .forEach(table -> kinds.add(new Locked(StatementKind.CREATE_TABLE_REFERENCING, table)));
        create.likes().forEach(table -> kinds.add(new Locked(StatementKind.CREATE_TABLE_LIKE, table)));
        if (kinds.isEmpty()) {
            kinds.add(new Locked(StatementKind.CREATE_TABLE, create.table()));
        }
    }

    private static QualifiedName referenced(Operation.AlterAction action) {
        return switch (action) {
            case Operation.AddColumn add -> add.column().references();
            case Operation.AddConstraint add -> add.constraint().references();
            default -> null;
        };
    }

    /** VACUUM FULL, CLUSTER and REFRESH take ACCESS EXCLUSIVE; LOCK TABLE the mode it names. */
    private static Locked lockTable(Operation.LockTable lock) {
        String prefix = "LOCK TABLE IN ";
        if (lock.command().startsWith(prefix) && lock.command().endsWith(" MODE")) {
            TableLockMode mode = TableLockMode.ofLabel(
                    lock.command().substring(prefix.length(), lock.command().length() - " MODE".length()));
            return new Locked(
                    mode == TableLockMode.ACCESS_EXCLUSIVE
                            ? StatementKind.LOCK_TABLE
                            : StatementKind.LOCK_TABLE_IN_MODE,
                    lock.table(),
                    mode);
        }
        StatementKind kind =
                switch (lock.command()) {
                    case "VACUUM FULL" -> StatementKind.VACUUM_FULL;
                    case "CLUSTER" -> StatementKind.CLUSTER;
                    default ->
                        lock.concurrently()
                                ? StatementKind.REFRESH_MATERIALIZED_VIEW_CONCURRENTLY
                                : StatementKind.REFRESH_MATERIALIZED_VIEW;
                };
        return new Locked(kind, lock.table());
    }

    /** The row of one ALTER TABLE action; {@code table} is what the migrations know of the table, or null. */
    static StatementKind ofAction(Operation.AlterAction action, SchemaModel.Table table, SchemaModel schema) {
        return switch (action) {
            case Operation.AddColumn add -> addColumn(add.column());
            case Operation.DropColumn ignored -> StatementKind.DROP_COLUMN;
            case Operation.AlterColumnType change -> typeChange(change, table);
            case Operation.SetDefault ignored -> StatementKind.SET_DEFAULT;
            case Operation.DropDefault ignored -> StatementKind.DROP_DEFAULT;
            case Operation.SetNotNull set ->
                table != null
                                && (table.notNull.contains(set.column())
                                        || !schema.validatedNotNullChecks(table, set.column())
                                                .isEmpty())
                        ? StatementKind.SET_NOT_NULL_PROVEN
                        : StatementKind.SET_NOT_NULL;
            case Operation.DropNotNull ignored -> StatementKind.DROP_NOT_NULL;
            case Operation.AddConstraint add -> addConstraint(add.constraint());
            case Operation.ValidateConstraint ignored -> StatementKind.VALIDATE_CONSTRAINT;
            case Operation.DropConstraint ignored -> StatementKind.DROP_CONSTRAINT;
            case Operation.RenameColumn ignored -> StatementKind.RENAME_COLUMN;
            case Operation.RenameTable ignored -> StatementKind.RENAME_TABLE;
            case Operation.RenameConstraint ignored -> StatementKind.RENAME_CONSTRAINT;
            case Operation.OtherAction other -> otherAction(other.words());
        };
    }

    private static StatementKind addColumn(Operation.ColumnDefinition column) {
        if (LockingRules.volatileCall(column.defaultExpression()) != null
                || column.type().isOneOf("serial", "bigserial", "smallserial")) {
            return StatementKind.ADD_COLUMN_VOLATILE_DEFAULT;
        }
        if (column.generatedStored() || column.identity()) {
            return StatementKind.ADD_COLUMN_GENERATED;
        }
        if (column.unique() || column.primaryKey()) {
            return StatementKind.ADD_COLUMN_UNIQUE;
        }
        if (column.references() != null) {
            return StatementKind.ADD_COLUMN_REFERENCES;
        }
        if (!column.check().isEmpty()) {
            return StatementKind.ADD_COLUMN_CHECK;
        }
        return column.hasDefault() ? StatementKind.ADD_COLUMN_CONSTANT_DEFAULT : StatementKind.ADD_COLUMN;
    }

    /** A type change the migrations cannot follow (USING, or an unknown old type) counts as a rewrite. */
    private static StatementKind typeChange(Operation.AlterColumnType change, SchemaModel.Table table) {
        TypeName old = table == null ? null : table.columns.get(change.column());
        if (change.collate()) {
            return StatementKind.ALTER_COLUMN_TYPE_COLLATE;
        }
        if (change.using() || old == null || !TypeChanges.isBinaryCompatible(old, change.type())) {
            return StatementKind.ALTER_COLUMN_TYPE_REWRITING;
        }
        return TypeChanges.isSameType(old, change.type())
                ? StatementKind.ALTER_COLUMN_TYPE_SAME
                : StatementKind.ALTER_COLUMN_TYPE_BINARY_COERCIBLE;
    }

    private static StatementKind addConstraint(Operation.ConstraintDefinition constraint) {
        return switch (constraint.kind()) {
            case CHECK -> constraint.notValid() ? StatementKind.ADD_CHECK_NOT_VALID : StatementKind.ADD_CHECK;
            case FOREIGN_KEY ->
                constraint.notValid() ? StatementKind.ADD_FOREIGN_KEY_NOT_VALID : StatementKind.ADD_FOREIGN_KEY;
            case UNIQUE, PRIMARY_KEY ->
                constraint.usingIndex()
                        ? StatementKind.ADD_UNIQUE_USING_INDEX
                        : constraint.kind() == Operation.ConstraintKind.UNIQUE
                                ? StatementKind.ADD_UNIQUE
                                : StatementKind.ADD_PRIMARY_KEY;
            case EXCLUDE -> StatementKind.ADD_EXCLUDE;
            case NOT_NULL -> StatementKind.OTHER_ACTION;
        };
    }

    /** The parser's words for an action it has no record for: SET TABLESPACE x, ATTACH PARTITION y ... */
    private static StatementKind otherAction(String words) {
        if (words.equals("SET") || words.equals("RESET")) {
            return StatementKind.SET_STORAGE_PARAMETERS; // SET (...) and RESET (...), of the table or a column
        }
        if (words.startsWith("SET STATISTICS")) {
            return StatementKind.SET_STATISTICS;
        }
        if (words.startsWith("SET TABLESPACE")) {
            return StatementKind.SET_TABLESPACE;
        }
        if (words.startsWith("SET LOGGED")) {
            return StatementKind.SET_LOGGED;
        }
        if (words.startsWith("SET UNLOGGED")) {
            return StatementKind.SET_UNLOGGED;
        }
        if (words.startsWith("SET ACCESS METHOD")) {
            return StatementKind.SET_ACCESS_METHOD;
        }
        if (words.startsWith("SET EXPRESSION")) {
            return StatementKind.SET_EXPRESSION;
        }
        if (words.matches("(ENABLE|DISABLE)( ALWAYS| REPLICA)? TRIGGER.*")) {
            return StatementKind.ENABLE_OR_DISABLE_TRIGGER;
        }
        if (words.matches("(ENABLE|DISABLE|FORCE|NO FORCE) ROW LEVEL SECURITY.*")) {
            return StatementKind.ROW_LEVEL_SECURITY;
        }
        if (words.startsWith("CLUSTER ON") || words.startsWith("SET WITHOUT CLUSTER")) {
            return StatementKind.CLUSTER_ON;
        }
        if (words.startsWith("ATTACH PARTITION")) {
            return StatementKind.ATTACH_PARTITION;
        }
        if (words.startsWith("DETACH PARTITION")) {
            return words.endsWith(" CONCURRENTLY")
                    ? StatementKind.DETACH_PARTITION_CONCURRENTLY
                    : StatementKind.DETACH_PARTITION;
        }
        return StatementKind.OTHER_ACTION;
    }
}
