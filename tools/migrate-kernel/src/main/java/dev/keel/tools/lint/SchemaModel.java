package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.QualifiedName;
import dev.keel.tools.sql.Token;
import dev.keel.tools.sql.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The schema the migrations have built so far, as the rules need it: which tables, columns,
 * constraints and indexes exist, their types, and in which file and release group each was
 * created, so a rule can tell a new object (locks on it are harmless) from a live one.
 */
final class SchemaModel {

    /** Where an object was created: a file, and the release group that file shipped in. */
    record Origin(String file, String group) {}

    static final class Table {
        final Origin origin;
        final Map<String, TypeName> columns = new LinkedHashMap<>();
        final Map<String, Constraint> constraints = new HashMap<>();
        final Set<String> triggerFunctions = new HashSet<>();
        final Set<String> notNull = new HashSet<>();
        /**
         * Index name to the columns an index with an expression or a WHERE predicate mentions: a
         * type change of one of them rebuilds the index even when the table is kept (indexes of
         * plain columns only are reused, and are not here).
         */
        final Map<String, Set<String>> expressionIndexes = new HashMap<>();

        final boolean partitioned;

        Table(Origin origin, boolean partitioned) {
            this.origin = origin;
            this.partitioned = partitioned;
        }
    }

    static final class Constraint {
        final Operation.ConstraintKind kind;
        final List<Token> expression;
        final Origin origin;
        boolean validated;

        Constraint(Operation.ConstraintKind kind, List<Token> expression, Origin origin, boolean validated) {
            this.kind = kind;
            this.expression = expression;
            this.origin = origin;
            this.validated = validated;
        }
    }

    /** A finding that stands only while the table it is about, as the last migration leaves it, still deserves it. */
    private record Provisional(Finding finding, Table table, Predicate<Table> settled) {}

    private final Map<String, Table> tables = new HashMap<>();
    private final List<Provisional> provisional = new ArrayList<>();
    private final Map<String, Origin> indexes = new HashMap<>();
    private final Map<String, QualifiedName> indexTables = new HashMap<>();

    Table table(QualifiedName name) {
        return name == null ? null : tables.get(name.key());
    }

    /** New: created in this file or in this release group. Unknown objects were made elsewhere, so live. */
    boolean isNew(QualifiedName table, Origin here) {
        Table known = table(table);
        return known != null && sameRelease(known.origin, here);
    }

    boolean isNewIndex(QualifiedName index, Origin here) {
        Origin origin = index == null ? null : indexes.get(index.key());
        return origin != null && sameRelease(origin, here);
    }

    /** The table an index the migrations created is on: DROP INDEX locks that table. */
    Optional<QualifiedName> tableOfIndex(QualifiedName index) {
        return Optional.ofNullable(indexTables.get(index.key()));
    }

    static boolean sameRelease(Origin created, Origin here) {
        return created.file().equals(here.file()) || created.group().equals(here.group());
    }

    /**
     * Withdraws {@code finding} after the last migration if by then {@code table} is gone or
     * {@code settled} holds of it: for what a later migration may still add to a table.
     */
    void unlessSettledLater(Finding finding, Table table, Predicate<Table> settled) {
        provisional.add(new Provisional(finding, table, settled));
    }

    /** The provisional findings the migrations read so far have made moot. */
    List<Finding> settledFindings() {
        return provisional.stream()
                .filter(pending -> !tables.containsValue(pending.table())
                        || pending.settled().test(pending.table()))
                .map(Provisional::finding)
                .toList();
    }

    /** Records what a statement did, after the rules have judged it. */
    void apply(Operation operation, Origin here) {
        switch (operation) {
            case Operation.CreateTable create -> createTable(create, here);
            case Operation.AlterTable alter -> alterTable(alter, here);
            case Operation.CreateIndex index -> {
                Table table = table(index.table());
                Set<String> mentioned = expressionColumns(index);
                if (table != null && index.name() != null && !mentioned.isEmpty()) {
                    table.expressionIndexes.put(index.name(), mentioned);
                }
                if (index.name() != null) {
                    String key = index.table() == null || index.table().schema() == null
                            ? index.name()
                            : new QualifiedName(index.table().schema(), index.name(), null).key();
                    indexes.put(key, here);
                    if (index.table() != null) {
                        indexTables.put(key, index.table());
                    }
                }
            }
            case Operation.DropIndex drop ->
                drop.indexes().forEach(index -> {
                    indexes.remove(index.key());
                    indexTables.remove(index.key());
                    tables.values().forEach(table -> table.expressionIndexes.remove(index.name()));
                });
            case Operation.Drop drop
            when drop.objectKind().equals("TABLE") -> drop.names().forEach(name -> tables.remove(name.key()));
            case Operation.CreateTrigger trigger -> {
                Table table = table(trigger.table());
                if (table != null && trigger.function() != null) {
                    table.triggerFunctions.add(trigger.function().name());
                }
            }
            default -> {}
        }
    }

    private void createTable(Operation.CreateTable create, Origin here) {
        if (create.table() == null || tables.containsKey(create.table().key())) {
            return; // CREATE TABLE IF NOT EXISTS over a live table leaves it live
        }
        Table table = new Table(here, create.partitioned());
        for (Operation.ColumnDefinition column : create.columns()) {
            addColumn(table, column, here);
        }
        for (Operation.ConstraintDefinition constraint : create.constraints()) {
            addConstraint(table, constraint, here);
        }
        tables.put(create.table().key(), table);
    }

    private void alterTable(Operation.AlterTable alter, Origin here) {
        Table table = table(alter.table());
        if (table == null) {
            return;
        }
        for (Operation.AlterAction action : alter.actions()) {
            switch (action) {
                case Operation.AddColumn add -> addColumn(table, add.column(), here);
                case Operation.DropColumn drop -> {
                    // A column added again under the same name starts afresh: nullable unless it says otherwise.
                    table.columns.remove(drop.column());
                    table.notNull.remove(drop.column());
                    // PostgreSQL drops the indexes on a dropped column with it.
                    table.expressionIndexes.values().removeIf(columns -> columns.contains(drop.column()));
                }
                case Operation.SetNotNull set -> table.notNull.add(set.column());
                case Operation.DropNotNull drop -> table.notNull.remove(drop.column());
                case Operation.AlterColumnType change -> table.columns.put(change.column(), change.type());
                case Operation.AddConstraint add -> addConstraint(table, add.constraint(), here);
                case Operation.ValidateConstraint validate -> {
                    Constraint constraint = table.constraints.get(validate.name());
                    if (constraint != null) {
                        constraint.validated = true;
                    }
                }
                case Operation.DropConstraint drop -> table.constraints.remove(drop.name());
                case Operation.RenameColumn rename -> {
                    TypeName type = table.columns.remove(rename.from());
                    if (type != null) {
                        table.columns.put(rename.to(), type);
                    }
                    table.expressionIndexes.values().forEach(columns -> {
                        if (columns.remove(rename.from())) {
                            columns.add(rename.to());
                        }
                    });
                }
                case Operation.RenameConstraint rename -> {
                    Constraint constraint = table.constraints.remove(rename.from());
                    if (constraint != null) {
                        table.constraints.put(rename.to(), constraint);
                    }
                }
                case Operation.RenameTable rename -> {
                    tables.remove(alter.table().key());
                    tables.put(new QualifiedName(alter.table().schema(), rename.to(), null).key(), table);
                }
                default -> {}
            }
        }
    }

    private static void addColumn(Table table, Operation.ColumnDefinition column, Origin here) {
        table.columns.put(column.columnName(), column.type());
        table.notNull.remove(column.columnName());
        if (column.notNull()) {
            table.notNull.add(column.columnName());
        }
        if (!column.check().isEmpty()) {
            table.constraints.put(
                    column.columnName() + "_check#" + table.constraints.size(),
                    new Constraint(Operation.ConstraintKind.CHECK, column.check(), here, true));
        }
    }

    private static void addConstraint(Table table, Operation.ConstraintDefinition constraint, Origin here) {
        String name = constraint.name() != null ? constraint.name() : "unnamed#" + table.constraints.size();
        table.constraints.put(
                name, new Constraint(constraint.kind(), constraint.expression(), here, !constraint.notValid()));
    }

    /**
     * The names an index with an expression or a predicate mentions, its plain key columns too
     * (function names aside): an over-approximation of the columns it depends on, good enough to
     * ask whether one column is among them. Empty for an index of plain columns only.
     */
    private static Set<String> expressionColumns(Operation.CreateIndex index) {
        // name, or name text_pattern_ops DESC NULLS LAST COLLATE "C": words only
        boolean plainColumns = index.predicate().isEmpty()
                && index.keys().stream()
                        .allMatch(key -> !key.isEmpty() && key.stream().allMatch(Token::isIdentifier));
        Set<String> columns = new HashSet<>();
        if (!plainColumns) {
            index.keys().forEach(key -> addNames(key, columns));
            addNames(index.predicate(), columns);
        }
        return columns;
    }

    private static void addNames(List<Token> tokens, Set<String> names) {
        for (int i = 0; i < tokens.size(); i++) {
            boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
            if (tokens.get(i).isIdentifier() && !call) {
                names.add(tokens.get(i).name());
            }
        }
    }

    /** The indexes of a table a type change of {@code column} rebuilds though it keeps the table. */
    List<String> indexesMentioning(Table table, String column) {
        return table.expressionIndexes.entrySet().stream()
                .filter(index -> index.getValue().contains(column))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Names of CHECK constraints proving {@code column IS NOT NULL} that are validated. */
    List<String> validatedNotNullChecks(Table table, String column) {
        List<String> names = new ArrayList<>();
        table.constraints.forEach((name, constraint) -> {
            if (constraint.kind == Operation.ConstraintKind.CHECK
                    && constraint.validated
                    && provesNotNull(constraint.expression, column)) {
                names.add(name);
            }
        });
        return names;
    }

    /**
     * An independent copy, for a script checked against this schema whose changes must not stay:
     * a down script, checked right after its up, before the next up.
     */
    SchemaModel copy() {
        SchemaModel copy = new SchemaModel();
        tables.forEach((name, table) -> {
            Table copied = new Table(table.origin, table.partitioned);
            copied.columns.putAll(table.columns);
            table.constraints.forEach((constraintName, constraint) -> copied.constraints.put(
                    constraintName,
                    new Constraint(constraint.kind, constraint.expression, constraint.origin, constraint.validated)));
            copied.triggerFunctions.addAll(table.triggerFunctions);
            copied.notNull.addAll(table.notNull);
            table.expressionIndexes.forEach(
                    (index, columns) -> copied.expressionIndexes.put(index, new HashSet<>(columns)));
            copy.tables.put(name, copied);
        });
        copy.indexes.putAll(indexes);
        copy.indexTables.putAll(indexTables);
        return copy;
    }

    private static boolean provesNotNull(List<Token> expression, String column) {
        List<Token> words = expression.stream()
                .filter(token -> !token.isSymbol("(") && !token.isSymbol(")"))
                .toList();
        return words.size() == 4
                && words.get(0).isIdentifier()
                && words.get(0).name().equals(column)
                && words.get(1).is("IS")
                && words.get(2).is("NOT")
                && words.get(3).is("NULL");
    }
}
