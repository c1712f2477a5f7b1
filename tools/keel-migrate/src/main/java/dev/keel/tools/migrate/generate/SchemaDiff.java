package dev.keel.tools.migrate.generate;

import dev.keel.tools.migrate.generate.SchemaChange.ColumnAdded;
import dev.keel.tools.migrate.generate.SchemaChange.ColumnDefaultChanged;
import dev.keel.tools.migrate.generate.SchemaChange.ColumnDropped;
import dev.keel.tools.migrate.generate.SchemaChange.ColumnTypeChanged;
import dev.keel.tools.migrate.generate.SchemaChange.CommentChanged;
import dev.keel.tools.migrate.generate.SchemaChange.ConstraintAdded;
import dev.keel.tools.migrate.generate.SchemaChange.ConstraintDropped;
import dev.keel.tools.migrate.generate.SchemaChange.EnumTypeAdded;
import dev.keel.tools.migrate.generate.SchemaChange.EnumTypeDropped;
import dev.keel.tools.migrate.generate.SchemaChange.EnumValueAdded;
import dev.keel.tools.migrate.generate.SchemaChange.EnumValueRemoved;
import dev.keel.tools.migrate.generate.SchemaChange.FunctionAdded;
import dev.keel.tools.migrate.generate.SchemaChange.FunctionDropped;
import dev.keel.tools.migrate.generate.SchemaChange.FunctionReplaced;
import dev.keel.tools.migrate.generate.SchemaChange.IndexAdded;
import dev.keel.tools.migrate.generate.SchemaChange.IndexDropped;
import dev.keel.tools.migrate.generate.SchemaChange.NotGeneratedYet;
import dev.keel.tools.migrate.generate.SchemaChange.NotNullDropped;
import dev.keel.tools.migrate.generate.SchemaChange.NotNullSet;
import dev.keel.tools.migrate.generate.SchemaChange.ObjectAdded;
import dev.keel.tools.migrate.generate.SchemaChange.ObjectDropped;
import dev.keel.tools.migrate.generate.SchemaChange.ObjectKind;
import dev.keel.tools.migrate.generate.SchemaChange.TableAdded;
import dev.keel.tools.migrate.generate.SchemaChange.TableDropped;
import dev.keel.tools.migrate.generate.SchemaChange.TableOptionsChanged;
import dev.keel.tools.migrate.generate.SchemaChange.TriggerAdded;
import dev.keel.tools.migrate.generate.SchemaChange.TriggerDropped;
import dev.keel.tools.migrate.generate.SchemaChange.TriggerStateChanged;
import dev.keel.tools.migrate.generate.SchemaChange.ViewAdded;
import dev.keel.tools.migrate.generate.SchemaChange.ViewDropped;
import dev.keel.tools.migrate.schema.DeclaredSchema;
import dev.keel.tools.migrate.schema.DeclaredSchema.Column;
import dev.keel.tools.migrate.schema.DeclaredSchema.Comment;
import dev.keel.tools.migrate.schema.DeclaredSchema.Constraint;
import dev.keel.tools.migrate.schema.DeclaredSchema.EnumType;
import dev.keel.tools.migrate.schema.DeclaredSchema.Function;
import dev.keel.tools.migrate.schema.DeclaredSchema.Index;
import dev.keel.tools.migrate.schema.DeclaredSchema.Table;
import dev.keel.tools.migrate.schema.DeclaredSchema.Trigger;
import dev.keel.tools.migrate.schema.DeclaredSchema.View;
import dev.keel.tools.migrate.schema.SchemaWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The changes that take one schema to another, each typed. What the generator cannot write yet
 * (a changed domain or sequence, a column's identity, ...) comes out as {@link NotGeneratedYet}, never dropped.
 */
public final class SchemaDiff {

    /** The kind of a column declared somewhere ADD COLUMN cannot put it. */
    static final String COLUMN_POSITION = "column position";

    private static final Pattern INDEX_TABLE = Pattern.compile("^CREATE (?:UNIQUE )?INDEX \\S+ ON (?:ONLY )?(\\S+) ");

    private final DeclaredSchema from;
    private final DeclaredSchema to;
    private final List<SchemaChange> changes = new ArrayList<>();
    /** Views dropped, and views created: a view changed is in both. */
    private final Set<String> viewsDropped = new LinkedHashSet<>();

    private final Set<String> viewsCreated = new LinkedHashSet<>();

    private SchemaDiff(DeclaredSchema from, DeclaredSchema to) {
        this.from = from;
        this.to = to;
    }

    /** What takes {@code from} to {@code to}, in the order the kinds are compared. */
    public static List<SchemaChange> between(DeclaredSchema from, DeclaredSchema to) {
        return List.copyOf(new SchemaDiff(from, to).compare().changes);
    }

    /** The table an index is on, from {@code pg_get_indexdef}'s text. */
    static String tableOf(Index index) {
        Matcher matcher = INDEX_TABLE.matcher(index.definition());
        if (!matcher.find()) {
            throw new IllegalArgumentException("Cannot read the table of the index " + index.definition());
        }
        return matcher.group(1);
    }

    private SchemaDiff compare() {
        objects(ObjectKind.SCHEMA, from.schemas(), to.schemas(), name -> name, SchemaWriter::schema, "DROP SCHEMA ");
        objects(
                ObjectKind.EXTENSION,
                from.extensions(),
                to.extensions(),
                DeclaredSchema.Extension::name,
                SchemaWriter::extension,
                "DROP EXTENSION ");
        enums();
        objects(
                ObjectKind.DOMAIN,
                from.domains(),
                to.domains(),
                DeclaredSchema.Domain::name,
                SchemaWriter::domain,
                "DROP DOMAIN ");
        objects(
                ObjectKind.COMPOSITE_TYPE,
                from.composites(),
                to.composites(),
                DeclaredSchema.CompositeType::name,
                SchemaWriter::composite,
                "DROP TYPE ");
        objects(
                ObjectKind.SEQUENCE,
                from.sequences(),
                to.sequences(),
                DeclaredSchema.Sequence::name,
                SchemaWriter::sequence,
                "DROP SEQUENCE ");
        functions();
        objects(
                ObjectKind.SEQUENCE_OWNER,
                from.sequenceOwners(),
                to.sequenceOwners(),
                DeclaredSchema.SequenceOwner::sequence,
                SchemaWriter::sequenceOwner,
                "");
        Set<String> tablesAdded = tables();
        Set<String> tablesDropped = names(from.tables(), Table::name);
        tablesDropped.removeAll(names(to.tables(), Table::name));
        views();
        constraints(tablesAdded, tablesDropped);
        indexes(tablesAdded, tablesDropped);
        triggers(tablesAdded, tablesDropped);
        comments();
        return this;
    }

    /**
     * Kinds compared whole: an object added is created, one gone is dropped ({@code drop} and its name), one
     * changed is what the generator cannot write yet.
     */
    private <T> void objects(
            ObjectKind kind,
            List<T> before,
            List<T> after,
            java.util.function.Function<T, String> name,
            java.util.function.Function<T, String> create,
            String drop) {
        Map<String, T> old = byName(before, name);
        Map<String, T> current = byName(after, name);
        Set<String> names = new LinkedHashSet<>(old.keySet());
        names.addAll(current.keySet());
        for (String object : names) {
            T was = old.get(object);
            T now = current.get(object);
            if (was == null && now != null) {
                changes.add(new ObjectAdded(kind, object, create.apply(now)));
            } else if (was != null && now == null) {
                changes.add(new ObjectDropped(
                        kind,
                        object,
                        kind == ObjectKind.SEQUENCE_OWNER
                                ? "ALTER SEQUENCE " + object + " OWNED BY NONE;"
                                : drop + object + ";"));
            } else if (!Objects.equals(was, now)) {
                changes.add(new NotGeneratedYet(kind.toString(), object + " (changed)"));
            }
        }
    }

    /** Same signature, other text: CREATE OR REPLACE. A changed signature is another function. */
    private void functions() {
        Map<String, Function> old = byName(from.functions(), Function::identity);
        Map<String, Function> current = byName(to.functions(), Function::identity);
        old.forEach((identity, function) -> {
            if (!current.containsKey(identity)) {
                changes.add(new FunctionDropped(function));
            }
        });
        current.forEach((identity, function) -> {
            Function before = old.get(identity);
            if (before == null) {
                changes.add(new FunctionAdded(function));
            } else if (!before.equals(function)) {
                changes.add(new FunctionReplaced(before, function));
            }
        });
    }

    /**
     * Views are dropped and created again, never altered: one whose definition changed, one reading a column whose
     * type changes or that is dropped (PostgreSQL refuses both under a view), and every view reading one of those.
     * Drops run dependents first, creations in the edited schema's order, which is the catalog's dependency order.
     * A materialized view's indexes go and come with it.
     */
    private void views() {
        Map<String, View> old = byName(from.views(), View::name);
        Map<String, View> current = byName(to.views(), View::name);
        Set<String> columnsChanged = new LinkedHashSet<>();
        for (SchemaChange change : changes) {
            switch (change) {
                case ColumnTypeChanged changed ->
                    columnsChanged.add(changed.table() + "." + changed.from().name());
                case ColumnDropped dropped ->
                    columnsChanged.add(dropped.table() + "." + dropped.column().name());
                case TableDropped dropped -> columnsChanged.add(dropped.table().name());
                default -> {}
            }
        }
        // gone, changed or in the way of a column change
        old.forEach((name, view) -> {
            if (!view.equals(current.get(name)) || view.reads().stream().anyMatch(columnsChanged::contains)) {
                viewsDropped.add(name);
            }
        });
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View view : from.views()) {
                if (!viewsDropped.contains(view.name()) && view.reads().stream().anyMatch(viewsDropped::contains)) {
                    viewsDropped.add(view.name());
                    grew = true;
                }
            }
        }
        List<View> dropped = new ArrayList<>(from.views().stream()
                .filter(view -> viewsDropped.contains(view.name()))
                .toList());
        java.util.Collections.reverse(dropped);
        dropped.forEach(view -> changes.add(new ViewDropped(view)));
        for (View view : to.views()) {
            if (!old.containsKey(view.name()) || viewsDropped.contains(view.name())) {
                viewsCreated.add(view.name());
                changes.add(new ViewAdded(
                        view,
                        to.indexes().stream()
                                .filter(index -> tableOf(index).equals(view.name()))
                                .toList()));
            }
        }
    }

    private void enums() {
        Map<String, EnumType> old = byName(from.enums(), EnumType::name);
        Map<String, EnumType> current = byName(to.enums(), EnumType::name);
        old.forEach((name, type) -> {
            if (!current.containsKey(name)) {
                changes.add(new EnumTypeDropped(type));
            }
        });
        current.forEach((name, type) -> {
            EnumType before = old.get(name);
            if (before == null) {
                changes.add(new EnumTypeAdded(type));
            } else if (!before.equals(type)) {
                enumValues(before, type);
            }
        });
    }

    private void enumValues(EnumType before, EnumType after) {
        List<String> kept =
                after.labels().stream().filter(before.labels()::contains).toList();
        List<String> removed = before.labels().stream()
                .filter(label -> !after.labels().contains(label))
                .toList();
        if (!kept.equals(before.labels().stream().filter(kept::contains).toList())) {
            changes.add(new NotGeneratedYet("enum value order", before.name()));
            return;
        }
        removed.forEach(label -> changes.add(new EnumValueRemoved(before.name(), label)));
        List<String> labels = after.labels();
        for (int i = 0; i < labels.size(); i++) {
            if (!before.labels().contains(labels.get(i))) {
                // Placed after the label before it, or before the first one: the order the file declares.
                changes.add(
                        i > 0
                                ? new EnumValueAdded(after.name(), labels.get(i), labels.get(i - 1), null)
                                : new EnumValueAdded(after.name(), labels.get(i), null, labels.get(1)));
            }
        }
    }

    /** Returns the tables added. */
    private Set<String> tables() {
        Map<String, Table> old = byName(from.tables(), Table::name);
        Map<String, Table> current = byName(to.tables(), Table::name);
        old.forEach((name, table) -> {
            if (!current.containsKey(name)) {
                changes.add(new TableDropped(table));
            }
        });
        Set<String> added = new LinkedHashSet<>();
        current.forEach((name, table) -> {
            Table before = old.get(name);
            if (before == null) {
                added.add(name);
                changes.add(new TableAdded(
                        table,
                        to.constraints().stream()
                                .filter(constraint -> constraint.table().equals(name))
                                .toList(),
                        to.indexes().stream()
                                .filter(index -> tableOf(index).equals(name))
                                .toList(),
                        to.triggers().stream()
                                .filter(trigger -> trigger.table().equals(name))
                                .toList()));
            } else {
                columns(before, table);
            }
        });
        return added;
    }

    private void columns(Table before, Table after) {
        if (before.unlogged() != after.unlogged()) {
            changes.add(new NotGeneratedYet("table logging (SET LOGGED or UNLOGGED rewrites it)", after.name()));
        }
        if (!Objects.equals(before.options(), after.options())) {
            changes.add(new TableOptionsChanged(after.name(), before.options(), after.options()));
        }
        Map<String, Column> old = byName(before.columns(), Column::name);
        Map<String, Column> current = byName(after.columns(), Column::name);
        String table = after.name();
        old.forEach((name, column) -> {
            if (!current.containsKey(name)) {
                changes.add(new ColumnDropped(table, column));
            }
        });
        List<String> keptInOldOrder =
                old.keySet().stream().filter(current::containsKey).toList();
        List<String> newOrder = current.keySet().stream().toList();
        List<String> expected = new ArrayList<>(keptInOldOrder);
        newOrder.stream().filter(name -> !old.containsKey(name)).forEach(expected::add);
        if (!expected.equals(newOrder)) {
            // ADD COLUMN appends: a column placed elsewhere in schema.sql cannot be reached without a rebuild.
            changes.add(new NotGeneratedYet(
                    COLUMN_POSITION, table + " (PostgreSQL adds a column at the end: declare new columns last)"));
        }
        current.forEach((name, column) -> {
            Column was = old.get(name);
            if (was == null) {
                changes.add(new ColumnAdded(table, column));
            } else if (!was.equals(column)) {
                column(table, was, column);
            }
        });
    }

    private void column(String table, Column was, Column column) {
        if (!Objects.equals(was.collation(), column.collation())
                || !Objects.equals(was.generatedExpression(), column.generatedExpression())
                || was.identity() != column.identity()
                || !Objects.equals(was.identityOptions(), column.identityOptions())) {
            changes.add(new NotGeneratedYet(
                    "column collation, identity or generated expression", table + "." + column.name()));
        }
        if (!was.type().equals(column.type())) {
            changes.add(new ColumnTypeChanged(table, was, column));
        }
        if (!Objects.equals(was.defaultExpression(), column.defaultExpression())) {
            changes.add(new ColumnDefaultChanged(table, was, column));
        }
        if (!was.notNull() && column.notNull()) {
            changes.add(new NotNullSet(table, column));
        } else if (was.notNull() && !column.notNull()) {
            changes.add(new NotNullDropped(table, column));
        }
    }

    /** A changed constraint is dropped and added again: its definition is what PostgreSQL keeps. */
    private void constraints(Set<String> tablesAdded, Set<String> tablesDropped) {
        Map<String, Constraint> old =
                byName(from.constraints(), constraint -> constraint.table() + "." + constraint.name());
        Map<String, Constraint> current =
                byName(to.constraints(), constraint -> constraint.table() + "." + constraint.name());
        old.forEach((key, constraint) -> {
            if (!tablesDropped.contains(constraint.table()) && !constraint.equals(current.get(key))) {
                changes.add(new ConstraintDropped(constraint));
            } else if (constraint.foreignKey()
                    && tablesDropped.contains(constraint.table())
                    && tablesDropped.size() > 1) {
                // Tables dropped together may refer to each other: their keys go first, so any order of drops works.
                changes.add(new ConstraintDropped(constraint));
            }
        });
        current.forEach((key, constraint) -> {
            if (!tablesAdded.contains(constraint.table()) && !constraint.equals(old.get(key))) {
                changes.add(new ConstraintAdded(constraint));
            }
        });
    }

    /** Indexes of tables and views created or dropped go with them. */
    private void indexes(Set<String> tablesAdded, Set<String> tablesDropped) {
        Map<String, Index> old = byName(from.indexes(), Index::name);
        Map<String, Index> current = byName(to.indexes(), Index::name);
        old.forEach((name, index) -> {
            if (!tablesDropped.contains(tableOf(index))
                    && !viewsDropped.contains(tableOf(index))
                    && !index.equals(current.get(name))) {
                changes.add(new IndexDropped(tableOf(index), index));
            }
        });
        current.forEach((name, index) -> {
            if (!tablesAdded.contains(tableOf(index))
                    && !viewsCreated.contains(tableOf(index))
                    && !index.equals(old.get(name))) {
                changes.add(new IndexAdded(tableOf(index), index));
            }
        });
    }

    private void triggers(Set<String> tablesAdded, Set<String> tablesDropped) {
        Map<String, Trigger> old = byName(from.triggers(), trigger -> trigger.table() + "." + trigger.name());
        Map<String, Trigger> current = byName(to.triggers(), trigger -> trigger.table() + "." + trigger.name());
        old.forEach((key, trigger) -> {
            if (!tablesDropped.contains(trigger.table()) && !sameDefinition(trigger, current.get(key))) {
                changes.add(new TriggerDropped(trigger));
            }
        });
        current.forEach((key, trigger) -> {
            Trigger was = old.get(key);
            if (tablesAdded.contains(trigger.table())) {
                return;
            }
            if (!sameDefinition(trigger, was)) {
                changes.add(new TriggerAdded(trigger));
            } else if (was != null && was.enabled() != trigger.enabled()) {
                changes.add(new TriggerStateChanged(was, trigger));
            }
        });
    }

    private static boolean sameDefinition(Trigger trigger, @Nullable Trigger other) {
        return other != null && trigger.definition().equals(other.definition());
    }

    private void comments() {
        Map<String, Comment> old = byName(from.comments(), Comment::target);
        Map<String, Comment> current = byName(to.comments(), Comment::target);
        Set<String> targets = new LinkedHashSet<>(old.keySet());
        targets.addAll(current.keySet());
        for (String target : targets) {
            Comment before = old.get(target);
            Comment after = current.get(target);
            if (!Objects.equals(before, after)) {
                changes.add(new CommentChanged(
                        target, before == null ? null : before.text(), after == null ? null : after.text()));
            }
        }
    }

    private static <T> Map<String, T> byName(List<T> objects, java.util.function.Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        objects.forEach(object -> byName.put(name.apply(object), object));
        return byName;
    }

    private static <T> Set<String> names(List<T> objects, java.util.function.Function<T, String> name) {
        return new LinkedHashSet<>(byName(objects, name).keySet());
    }
}
