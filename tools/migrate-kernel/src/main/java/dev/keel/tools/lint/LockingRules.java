package dev.keel.tools.lint;

import dev.keel.tools.sql.DoBlock;
import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.Operation.AlterAction;
import dev.keel.tools.sql.Operation.ColumnDefinition;
import dev.keel.tools.sql.Operation.ConstraintKind;
import dev.keel.tools.sql.OperationParser;
import dev.keel.tools.sql.QualifiedName;
import dev.keel.tools.sql.SqlStatement;
import dev.keel.tools.sql.Token;
import dev.keel.tools.sql.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Statements that lock or rewrite a live table for longer than a moment, and their online forms. */
final class LockingRules implements StatementRule {

    /**
     * Functions a default may call without a rewrite: stable or immutable ones, evaluated once for
     * the ALTER. Any other call may be volatile (user functions are, unless declared otherwise), and
     * a volatile default is computed for every existing row.
     */
    private static final Set<String> STABLE_FUNCTIONS = Set.of(
            "now",
            "transaction_timestamp",
            "statement_timestamp",
            "current_setting",
            "coalesce",
            "nullif",
            "greatest",
            "least",
            "lower",
            "upper",
            "trim",
            "btrim",
            "concat",
            "concat_ws",
            "length",
            "char_length",
            "substring",
            "replace",
            "format",
            "to_char",
            "to_date",
            "to_timestamp",
            "to_number",
            "make_interval",
            "make_date",
            "make_timestamptz",
            "date_trunc",
            "abs",
            "round",
            "jsonb_build_object",
            "jsonb_build_array",
            "json_build_object",
            "json_build_array",
            "to_jsonb",
            "to_json",
            "array",
            "cast",
            "row",
            "timezone");

    /** Statements that may run any amount of work, whatever they touch: code, copies, maintenance. */
    private static final Set<String> WORK_COMMANDS = Set.of("CALL", "COPY", "MERGE", "VACUUM", "ANALYZE", "EXECUTE");

    /** Transaction control that ends the transaction, and with it every lock it held. */
    private static final Set<String> RELEASING = Set.of("COMMIT", "END", "ROLLBACK", "ABORT");

    /** What makes an ALTER of the already-locked table more than a catalog change: it rewrites or scans. */
    private static final Set<Rule> HEAVY = Set.of(
            Rule.REWRITING_TYPE_CHANGE,
            Rule.VOLATILE_DEFAULT,
            Rule.TABLE_REWRITE,
            Rule.SET_NOT_NULL,
            Rule.CONSTRAINT_NOT_VALID,
            Rule.UNIQUE_ON_EXISTING_TABLE,
            Rule.EXCLUSION_CONSTRAINT);

    @Override
    public void check(StatementContext context) {
        checkStatement(context);
        checkHeldExclusiveLock(context);
    }

    private static void checkStatement(StatementContext context) {
        switch (context.operation) {
            case Operation.CreateIndex index
            when isPartitioned(context, index) && !index.only() ->
                context.report(
                        Rule.INDEX_CONCURRENTLY,
                        index.at(),
                        "CREATE INDEX" + (index.concurrently() ? " CONCURRENTLY is refused by PostgreSQL on " : " on ")
                                + index.table() + ", a partitioned "
                                + "table; create it ON ONLY " + index.table()
                                + ", then CONCURRENTLY on each partition, and "
                                + "ALTER INDEX ... ATTACH PARTITION each one");
            case Operation.CreateIndex index
            when !index.concurrently() && !index.only() && context.isLive(index.table()) ->
                context.report(
                        Rule.INDEX_CONCURRENTLY,
                        index.at(),
                        "CREATE INDEX on " + index.table()
                                + ", a table that already holds data, blocks its writes while the index builds");
            case Operation.DropIndex drop
            when !drop.concurrently() ->
                drop.indexes().stream()
                        .filter(index -> !context.schema.isNewIndex(index, context.file.origin))
                        .findFirst()
                        .ifPresent(index -> context.report(
                                Rule.DROP_INDEX_CONCURRENTLY,
                                index.at(),
                                "DROP INDEX " + index + " locks its table against reads and writes"));
            case Operation.Reindex reindex
            when !reindex.concurrently() ->
                context.report(
                        Rule.REINDEX_CONCURRENTLY,
                        null,
                        "REINDEX " + reindex.targetKind()
                                + " without CONCURRENTLY blocks writes for the whole rebuild");
            case Operation.LockTable lock
            when !lock.concurrently() && context.isLive(lock.table()) ->
                context.report(
                        Rule.TABLE_REWRITE,
                        null,
                        lock.command() + " holds "
                                + LockLevel.of(context).map(LockLevel::toString).orElse("a lock on " + lock.table())
                                + " for as long as it runs");
            case Operation.Update update
            when context.isLive(update.table()) ->
                context.report(
                        Rule.UNBATCHED_BACKFILL,
                        null,
                        "UPDATE of " + update.table() + (update.hasWhere() ? "" : " without WHERE")
                                + " changes its rows in one transaction");
            case Operation.AlterTable alter
            when context.isLive(alter.table()) ->
                alter.actions().forEach(action -> checkAction(context, alter, action));
            default -> {}
        }
    }

    /** A live partitioned table: an index on it is built per partition, and never CONCURRENTLY. */
    private static boolean isPartitioned(StatementContext context, Operation.CreateIndex index) {
        SchemaModel.Table table = context.table(index.table());
        return table != null && table.partitioned && context.isLive(index.table());
    }

    private static void checkAction(StatementContext context, Operation.AlterTable alter, AlterAction action) {
        String table = alter.table().toString();
        switch (action) {
            case Operation.AddColumn add -> checkAddColumn(context, table, add);
            case Operation.AlterColumnType change -> checkTypeChange(context, alter, change);
            case Operation.SetNotNull set -> {
                SchemaModel.Table known = context.table(alter.table());
                if (known == null
                        || !known.notNull.contains(set.column())
                                && context.schema
                                        .validatedNotNullChecks(known, set.column())
                                        .isEmpty()) {
                    context.report(
                            Rule.SET_NOT_NULL,
                            set.at(),
                            "SET NOT NULL on " + table + "." + set.column()
                                    + " scans the table under an ACCESS EXCLUSIVE lock: no validated CHECK ("
                                    + set.column()
                                    + " IS NOT NULL) exists");
                }
            }
            case Operation.AddConstraint add -> checkAddConstraint(context, alter, add);
            case Operation.OtherAction other
            when kindOf(context, alter, other).rewrites() ->
                context.report(
                        Rule.TABLE_REWRITE,
                        other.at(),
                        other.words() + " on " + table + " writes the whole table anew under an "
                                + kindOf(context, alter, other).lock().label() + " lock");
            case Operation.ValidateConstraint validate
            when context.file.transactional
                    && context.file.addedNotValid.contains(alter.table().key() + "." + validate.name()) ->
                context.report(
                        Rule.VALIDATE_IN_SAME_TRANSACTION,
                        validate.at(),
                        "VALIDATE CONSTRAINT " + validate.name() + " runs in the transaction that added it NOT VALID");
            default -> {}
        }
    }

    /** The lock table's row for one action (SET TABLESPACE rewrites, SET (fillfactor) does not...). */
    private static StatementKind kindOf(StatementContext context, Operation.AlterTable alter, AlterAction action) {
        return StatementKinds.ofAction(action, context.table(alter.table()), context.schema);
    }

    private static void checkAddColumn(StatementContext context, String table, Operation.AddColumn add) {
        ColumnDefinition column = add.column();
        String name = table + "." + column.columnName();
        String volatileCall = volatileCall(column.defaultExpression());
        if (volatileCall != null) {
            context.report(
                    Rule.VOLATILE_DEFAULT,
                    add.at(),
                    "ADD COLUMN " + name + " DEFAULT " + volatileCall
                            + "(), which may be volatile, computes a value for every existing row: the table is rewritten "
                            + "under an ACCESS EXCLUSIVE lock");
        } else if (column.type().isOneOf("serial", "bigserial", "smallserial")) {
            context.report(
                    Rule.VOLATILE_DEFAULT,
                    add.at(),
                    "ADD COLUMN " + name + " " + column.type()
                            + " fills every existing row from a sequence: the table is rewritten under an ACCESS EXCLUSIVE lock");
        }
        if (column.generatedStored() || column.identity()) {
            context.report(
                    Rule.TABLE_REWRITE,
                    add.at(),
                    "ADD COLUMN " + name + (column.identity() ? " GENERATED AS " + "IDENTITY" : " GENERATED ... STORED")
                            + " computes every existing row: the table is rewritten");
        }
        if (column.notNull()
                && !column.hasDefault()
                && !column.identity()
                && !column.primaryKey()
                && !column.type().isOneOf("serial", "bigserial", "smallserial")) {
            context.report(
                    Rule.REQUIRED_COLUMN_WITHOUT_DEFAULT,
                    add.at(),
                    "ADD COLUMN " + name + " NOT NULL without a DEFAULT fails as soon as " + table + " has a row");
        }
        if (column.references() != null || !column.check().isEmpty()) {
            context.report(
                    Rule.CONSTRAINT_NOT_VALID,
                    add.at(),
                    "ADD COLUMN " + name + " with an inline "
                            + (column.references() != null ? "REFERENCES" : "CHECK") + " validates every row of "
                            + table
                            + " while it blocks writes; add the column, then the constraint NOT VALID");
        }
        if (column.unique() || column.primaryKey()) {
            context.report(
                    Rule.UNIQUE_ON_EXISTING_TABLE,
                    add.at(),
                    "ADD COLUMN " + name + " "
                            + (column.primaryKey() ? "PRIMARY KEY" : "UNIQUE") + " builds an index on " + table
                            + " while blocking reads and writes");
        }
    }

    private static void checkAddConstraint(
            StatementContext context, Operation.AlterTable alter, Operation.AddConstraint add) {
        Operation.ConstraintDefinition constraint = add.constraint();
        String what = (constraint.name() == null ? "a constraint" : constraint.name()) + " on " + alter.table();
        switch (constraint.kind()) {
            case FOREIGN_KEY, CHECK -> {
                if (!constraint.notValid()) {
                    context.report(
                            Rule.CONSTRAINT_NOT_VALID,
                            add.at(),
                            "ADD " + (constraint.kind() == ConstraintKind.CHECK ? "CHECK " : "FOREIGN KEY ") + what
                                    + " checks every existing row while blocking writes");
                } else if (constraint.name() != null) {
                    context.file.addedNotValid.add(alter.table().key() + "." + constraint.name());
                }
            }
            case UNIQUE, PRIMARY_KEY -> {
                if (!constraint.usingIndex()) {
                    context.report(
                            Rule.UNIQUE_ON_EXISTING_TABLE,
                            add.at(),
                            "ADD " + (constraint.kind() == ConstraintKind.UNIQUE ? "UNIQUE " : "PRIMARY KEY ") + what
                                    + " builds its index while blocking reads and writes");
                }
            }
            case EXCLUDE ->
                context.report(
                        Rule.EXCLUSION_CONSTRAINT,
                        add.at(),
                        "ADD EXCLUDE " + what
                                + " checks every row under an ACCESS EXCLUSIVE lock, and cannot be NOT VALID");
            default -> {}
        }
    }

    private static void checkTypeChange(
            StatementContext context, Operation.AlterTable alter, Operation.AlterColumnType change) {
        SchemaModel.Table known = context.table(alter.table());
        TypeName old = known == null ? null : known.columns.get(change.column());
        String column = alter.table() + "." + change.column();
        if (change.collate()) {
            context.report(
                    Rule.REWRITING_TYPE_CHANGE,
                    change.at(),
                    "ALTER COLUMN " + column + " TYPE ... COLLATE "
                            + "changes the collation: every index on the column is rebuilt under an ACCESS EXCLUSIVE lock");
        } else if (change.using()) {
            context.report(
                    Rule.REWRITING_TYPE_CHANGE,
                    change.at(),
                    "ALTER COLUMN " + column + " TYPE " + change.type()
                            + " USING ... computes every row again: the table is rewritten under an ACCESS EXCLUSIVE lock");
        } else if (old == null) {
            context.report(
                    Rule.REWRITING_TYPE_CHANGE,
                    change.at(),
                    "ALTER COLUMN " + column + " TYPE " + change.type()
                            + ": the migrations do not say what type it had, so it may rewrite the table");
        } else if (!TypeChanges.isBinaryCompatible(old, change.type())) {
            context.report(
                    Rule.REWRITING_TYPE_CHANGE,
                    change.at(),
                    "ALTER COLUMN " + column + " from " + old + " to " + change.type()
                            + " rewrites the table and its indexes under an ACCESS EXCLUSIVE lock"
                            + (old.canonical().equals("timestamp")
                                            && change.type().canonical().equals("timestamptz")
                                    ? " (unless the session's TimeZone is UTC, where PostgreSQL 12 and later"
                                            + " keep the rows as they are)"
                                    : ""));
        } else {
            checkIndexRebuild(context, alter, change, known, column);
        }
    }

    /**
     * A type change that keeps the table (the same type, or a binary-coercible one) still rebuilds
     * the indexes on the column that have an expression or a predicate, under the ALTER's lock.
     */
    private static void checkIndexRebuild(
            StatementContext context,
            Operation.AlterTable alter,
            Operation.AlterColumnType change,
            SchemaModel.Table known,
            String column) {
        StatementKind kind = kindOf(context, alter, change);
        List<String> rebuilt = kind.rebuilds() == IndexRebuild.EXPRESSION_OR_PREDICATE
                ? context.schema.indexesMentioning(known, change.column())
                : List.of();
        if (!rebuilt.isEmpty()) {
            context.report(
                    Rule.REWRITING_TYPE_CHANGE,
                    change.at(),
                    "ALTER COLUMN " + column + " TYPE " + change.type() + " keeps the table but rebuilds "
                            + String.join(", ", rebuilt)
                            + (rebuilt.size() == 1 ? " (an index" : " (indexes")
                            + " on the column with an expression or a predicate) under an "
                            + kind.lock().label()
                            + " lock");
        }
    }

    /**
     * While this file holds an ACCESS EXCLUSIVE lock on a live table, no real work may run (a scan,
     * rewrite, backfill or index build): the table stays unreadable for as long as it takes.
     * Catalog-only statements (renames, comments, types, functions, an ADD COLUMN that needs no
     * rewrite, anything on a new table) finish at once and pass. A COMMIT releases the lock.
     */
    private static void checkHeldExclusiveLock(StatementContext context) {
        if (context.operation instanceof Operation.TransactionControl control
                && RELEASING.contains(control.command())) {
            context.file.exclusiveLocks.clear();
            return;
        }
        if (context.file.exclusiveLocks.isEmpty()) {
            return;
        }
        Work work = workUnderTheLock(context);
        if (work != null) {
            // A rewrite that takes ACCESS EXCLUSIVE on its table itself loses nothing to an earlier lock on that
            // table: its own rule reports it. Other tables held meanwhile still wait for it.
            String ownLock = LockLevel.of(context)
                    .filter(LockLevel::isAccessExclusive)
                    .map(lock -> lock.table().key())
                    .orElse(null);
            List<FileScope.HeldLock> waiting = context.file.exclusiveLocks.entrySet().stream()
                    .filter(entry -> !entry.getKey().equals(ownLock))
                    .map(java.util.Map.Entry::getValue)
                    .toList();
            if (waiting.isEmpty()) {
                return;
            }
            // Name the lock that matters most: the one on the table the work is on, if this file holds it.
            FileScope.HeldLock held = waiting.stream()
                    .filter(lock -> work.table() != null
                            && lock.table().key().equals(work.table().key()))
                    .findFirst()
                    .orElse(waiting.getFirst());
            String why = work.description();
            context.report(
                    Rule.WORK_AFTER_EXCLUSIVE_LOCK,
                    null,
                    why + " while " + held.table()
                            + " stays locked against reads and writes (ACCESS EXCLUSIVE since line " + held.line()
                            + ", until the file commits)");
        }
    }

    /**
     * The work the statement does while the lock is held, or null when it finishes at once. Taking
     * another table's lock is not work: lock_timeout bounds that wait, and lock-timeout asks for it.
     */
    private static @Nullable Work workUnderTheLock(StatementContext context) {
        return switch (context.operation) {
            case Operation.AlterTable alter
            when context.hasReported(HEAVY) -> new Work("rewrites or scans " + alter.table(), alter.table());
            case Operation.CreateTable create
            when create.asQuery() -> new Work("fills " + create.table() + " from a query", null);
            case Operation.CreateIndex index
            when context.isLive(index.table()) -> new Work("builds an index on " + index.table(), index.table());
            case Operation.Reindex reindex -> new Work("rebuilds " + reindex.target(), reindex.target());
            case Operation.Update update
            when context.isLive(update.table()) -> new Work("updates rows of " + update.table(), update.table());
            case Operation.Delete delete
            when context.isLive(delete.table()) -> new Work("deletes rows of " + delete.table(), delete.table());
            case Operation.Insert insert
            when selects(context) -> new Work("inserts the rows of a query into " + insert.table(), insert.table());
            case Operation.LockTable lock
            when !lock.command().startsWith("LOCK") -> new Work(lock.command() + " " + lock.table(), lock.table());
            case Operation.Other other when other.command().equals("DO") -> doBlockWork(context);
            case Operation.Other other
            when WORK_COMMANDS.contains(other.command()) ->
                new Work(other.command() + " may run any amount of work", null);
            default -> null;
        };
    }

    /**
     * The first statement of a DO block that works, judged as if it stood on its own in the file.
     * A block whose SQL is built at run time may do anything, and counts as work.
     */
    private static @Nullable Work doBlockWork(StatementContext context) {
        DoBlock block = DoBlock.of(context.statement);
        for (SqlStatement inner : block.statements()) {
            StatementContext nested = new StatementContext(
                    inner, OperationParser.safeParse(inner), context.file, context.schema, new ArrayList<>());
            checkStatement(nested);
            Work work = inner.startsWith("SELECT") ? readsTable(nested) : workUnderTheLock(nested);
            if (work != null) {
                return new Work("DO " + work.description(), work.table());
            }
        }
        return block.dynamicSql()
                ? new Work("DO runs SQL built at run time, which may do any amount of work", null)
                : null;
    }

    /**
     * A query in a DO block that reads a table (PERFORM count(*) FROM t) scans it; one that asks the
     * catalogs (IF EXISTS (SELECT ... FROM information_schema.columns ...)) is quick.
     */
    private static @Nullable Work readsTable(StatementContext select) {
        List<Token> tokens = select.statement.tokens();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token next = tokens.get(i + 1);
            if ((tokens.get(i).is("FROM") || tokens.get(i).is("JOIN")) && next.isIdentifier()) {
                QualifiedName table = i + 3 < tokens.size() && tokens.get(i + 2).isSymbol(".")
                        ? new QualifiedName(next.name(), tokens.get(i + 3).name(), next)
                        : new QualifiedName(null, next.name(), next);

                if (select.isLive(table)) {
                    return new Work("reads " + table, table);
                }
            }
        }
        return null;
    }

    /** What a statement does under the lock, and the table it works on when it names one. */
    private record Work(String description, @Nullable QualifiedName table) {}

    /** An INSERT whose rows come from a query scans what it reads; one of VALUES is quick. */
    private static boolean selects(StatementContext context) {
        return context.statement.tokens().stream().anyMatch(token -> token.is("SELECT"));
    }

    /**
     * Records an ACCESS EXCLUSIVE lock the statement took on a live table, when locks last until the
     * file commits. A table this file drops blocks nobody any more: its lock no longer counts.
     */
    static void noteLock(StatementContext context) {
        if (context.operation instanceof Operation.Drop drop
                && drop.objectKind().equals("TABLE")) {
            drop.names().forEach(table -> context.file.exclusiveLocks.remove(table.key()));
            return;
        }
        if (context.file.locksOutliveStatements) {
            LockLevel.of(context)
                    .filter(LockLevel::isAccessExclusive)
                    .ifPresent(lock -> context.file.exclusiveLocks.putIfAbsent(
                            lock.table().key(), new FileScope.HeldLock(lock.table(), context.statement.line())));
        }
    }

    /** The first function a DEFAULT expression calls that is not known to be stable, or null. */
    static String volatileCall(List<Token> expression) {
        for (int i = 0; i + 1 < expression.size(); i++) {
            Token token = expression.get(i);
            if (token.isIdentifier()
                    && token.kind() != Token.Kind.PLACEHOLDER
                    && expression.get(i + 1).isSymbol("(")
                    && !STABLE_FUNCTIONS.contains(token.name())
                    && !isTypeModifier(expression, i)) {
                return token.name();
            }
        }
        return null;
    }

    /** 'x'::varchar(10), 'x'::character varying(10) and CAST(x AS numeric(5, 2)) have parentheses that are not calls. */
    private static boolean isTypeModifier(List<Token> expression, int index) {
        int before = index - 1;
        while (before >= 0
                && before >= index - 3
                && expression.get(before).kind() == Token.Kind.WORD
                && !expression.get(before).is("AS")) {
            before--; // the other words of a multi-word type name
        }
        return before >= 0
                && (expression.get(before).isSymbol("::")
                        || expression.get(before).is("AS"));
    }
}
