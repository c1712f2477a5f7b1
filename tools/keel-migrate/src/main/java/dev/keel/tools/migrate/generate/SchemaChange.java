package dev.keel.tools.migrate.generate;

import dev.keel.tools.migrate.schema.DeclaredSchema.Column;
import dev.keel.tools.migrate.schema.DeclaredSchema.Constraint;
import dev.keel.tools.migrate.schema.DeclaredSchema.EnumType;
import dev.keel.tools.migrate.schema.DeclaredSchema.Function;
import dev.keel.tools.migrate.schema.DeclaredSchema.Index;
import dev.keel.tools.migrate.schema.DeclaredSchema.Table;
import dev.keel.tools.migrate.schema.DeclaredSchema.Trigger;
import dev.keel.tools.migrate.schema.DeclaredSchema.View;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One difference between two schemas. {@link #key()} names what the change does to which object, and
 * {@link #inverseKey()} the change that undoes it, so the undo diff (the same diff the other way) can be
 * paired with the migration file that made each change.
 */
public sealed interface SchemaChange {

    String key();

    String inverseKey();

    /** A new table with what belongs to it: its constraints, indexes and triggers are created with it. */
    record TableAdded(Table table, List<Constraint> constraints, List<Index> indexes, List<Trigger> triggers)
            implements SchemaChange {
        public String key() {
            return "+table " + table.name();
        }

        public String inverseKey() {
            return "-table " + table.name();
        }
    }

    /** A table gone; its constraints, indexes and triggers go with it. */
    record TableDropped(Table table) implements SchemaChange {
        public String key() {
            return "-table " + table.name();
        }

        public String inverseKey() {
            return "+table " + table.name();
        }
    }

    record ColumnAdded(String table, Column column) implements SchemaChange {
        public String key() {
            return "+column " + table + "." + column.name();
        }

        public String inverseKey() {
            return "-column " + table + "." + column.name();
        }
    }

    record ColumnDropped(String table, Column column) implements SchemaChange {
        public String key() {
            return "-column " + table + "." + column.name();
        }

        public String inverseKey() {
            return "+column " + table + "." + column.name();
        }
    }

    record ColumnTypeChanged(String table, Column from, Column to) implements SchemaChange {
        public String key() {
            return "type " + table + "." + to.name();
        }

        public String inverseKey() {
            return key();
        }
    }

    record ColumnDefaultChanged(String table, Column from, Column to) implements SchemaChange {
        public String key() {
            return "default " + table + "." + to.name();
        }

        public String inverseKey() {
            return key();
        }
    }

    record NotNullSet(String table, Column column) implements SchemaChange {
        public String key() {
            return "+not-null " + table + "." + column.name();
        }

        public String inverseKey() {
            return "-not-null " + table + "." + column.name();
        }
    }

    record NotNullDropped(String table, Column column) implements SchemaChange {
        public String key() {
            return "-not-null " + table + "." + column.name();
        }

        public String inverseKey() {
            return "+not-null " + table + "." + column.name();
        }
    }

    /** An index no constraint owns; {@code table} is read from its definition. */
    record IndexAdded(String table, Index index) implements SchemaChange {
        public String key() {
            return "+index " + index.name();
        }

        public String inverseKey() {
            return "-index " + index.name();
        }
    }

    record IndexDropped(String table, Index index) implements SchemaChange {
        public String key() {
            return "-index " + index.name();
        }

        public String inverseKey() {
            return "+index " + index.name();
        }
    }

    record ConstraintAdded(Constraint constraint) implements SchemaChange {
        public String key() {
            return "+constraint " + constraint.table() + "." + constraint.name();
        }

        public String inverseKey() {
            return "-constraint " + constraint.table() + "." + constraint.name();
        }
    }

    record ConstraintDropped(Constraint constraint) implements SchemaChange {
        public String key() {
            return "-constraint " + constraint.table() + "." + constraint.name();
        }

        public String inverseKey() {
            return "+constraint " + constraint.table() + "." + constraint.name();
        }
    }

    record EnumTypeAdded(EnumType type) implements SchemaChange {
        public String key() {
            return "+enum " + type.name();
        }

        public String inverseKey() {
            return "-enum " + type.name();
        }
    }

    record EnumTypeDropped(EnumType type) implements SchemaChange {
        public String key() {
            return "-enum " + type.name();
        }

        public String inverseKey() {
            return "+enum " + type.name();
        }
    }

    /** A label added to an existing enum, placed before {@code before} or after {@code after} (one is set). */
    record EnumValueAdded(
            String type,
            String label,
            @Nullable String after,
            @Nullable String before) implements SchemaChange {
        public String key() {
            return "+enum-value " + type + " " + label;
        }

        public String inverseKey() {
            return "-enum-value " + type + " " + label;
        }
    }

    /** A label gone from an enum: PostgreSQL has no statement for it. */
    record EnumValueRemoved(String type, String label) implements SchemaChange {
        public String key() {
            return "-enum-value " + type + " " + label;
        }

        public String inverseKey() {
            return "+enum-value " + type + " " + label;
        }
    }

    record TriggerAdded(Trigger trigger) implements SchemaChange {
        public String key() {
            return "+trigger " + trigger.table() + "." + trigger.name();
        }

        public String inverseKey() {
            return "-trigger " + trigger.table() + "." + trigger.name();
        }
    }

    record TriggerDropped(Trigger trigger) implements SchemaChange {
        public String key() {
            return "-trigger " + trigger.table() + "." + trigger.name();
        }

        public String inverseKey() {
            return "+trigger " + trigger.table() + "." + trigger.name();
        }
    }

    /**
     * A view created, with the indexes of a materialized one. A view whose query or whose columns change is dropped
     * and created again: {@link ViewDropped} and {@code ViewAdded} of the same name.
     */
    record ViewAdded(View view, List<Index> indexes) implements SchemaChange {
        public String key() {
            return "+view " + view.name();
        }

        public String inverseKey() {
            return "-view " + view.name();
        }
    }

    record ViewDropped(View view) implements SchemaChange {
        public String key() {
            return "-view " + view.name();
        }

        public String inverseKey() {
            return "+view " + view.name();
        }
    }

    record FunctionAdded(Function function) implements SchemaChange {
        public String key() {
            return "+function " + function.identity();
        }

        public String inverseKey() {
            return "-function " + function.identity();
        }
    }

    record FunctionDropped(Function function) implements SchemaChange {
        public String key() {
            return "-function " + function.identity();
        }

        public String inverseKey() {
            return "+function " + function.identity();
        }
    }

    /** A function of the same signature with another body or attributes: CREATE OR REPLACE. */
    record FunctionReplaced(Function from, Function to) implements SchemaChange {
        public String key() {
            return "function " + to.identity();
        }

        public String inverseKey() {
            return key();
        }
    }

    /**
     * An object renamed on a {@code -- keel:renamed-from} hint. {@code table} is the table a column or a constraint
     * is on, by the name it has once tables are renamed; {@code from} and {@code to} are quoted names, the table's
     * and the index's schema-qualified.
     */
    record Renamed(RenameHint.Kind kind, String table, String from, String to) implements SchemaChange {
        public String key() {
            return "rename " + kind + " " + table + " " + from + ">" + to;
        }

        public String inverseKey() {
            return "rename " + kind + " " + table + " " + to + ">" + from;
        }

        Renamed inverse() {
            return new Renamed(kind, table, to, from);
        }
    }

    /**
     * An object of a kind whose only changes are being there or not (a schema, an extension, a domain, a composite
     * type, a sequence, a sequence's owning column): {@code sql} creates it.
     */
    record ObjectAdded(ObjectKind kind, String name, String sql) implements SchemaChange {
        public String key() {
            return "+" + kind + " " + name;
        }

        public String inverseKey() {
            return "-" + kind + " " + name;
        }
    }

    /** {@code sql} drops it. */
    record ObjectDropped(ObjectKind kind, String name, String sql) implements SchemaChange {
        public String key() {
            return "-" + kind + " " + name;
        }

        public String inverseKey() {
            return "+" + kind + " " + name;
        }
    }

    /** The kinds {@link ObjectAdded} and {@link ObjectDropped} carry, and where their statements go in a file. */
    enum ObjectKind {
        SCHEMA("schema", Place.SCHEMA_DROPPED, Place.SCHEMA_CREATED, true),
        EXTENSION("extension", Place.EXTENSION_DROPPED, Place.EXTENSION_CREATED, true),
        DOMAIN("domain", Place.DOMAIN_DROPPED, Place.DOMAIN_CREATED, true),
        COMPOSITE_TYPE("composite type", Place.COMPOSITE_TYPE_DROPPED, Place.COMPOSITE_TYPE_CREATED, true),
        SEQUENCE("sequence", Place.SEQUENCE_DROPPED, Place.SEQUENCE_CREATED, true),
        // Released before its column or table is dropped, so the drop does not take a sequence the schema keeps.
        SEQUENCE_OWNER("sequence owned by a column", Place.SEQUENCE_RELEASED, Place.SEQUENCE_OWNED, false);

        final String word;
        final Place dropped;
        final Place created;
        final boolean dropNeedsAllowance;

        ObjectKind(String word, Place dropped, Place created, boolean dropNeedsAllowance) {
            this.word = word;
            this.dropped = dropped;
            this.created = created;
            this.dropNeedsAllowance = dropNeedsAllowance;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    /** A table's storage parameters ({@code WITH (fillfactor=70)}), as reloptions lists them; null for none. */
    record TableOptionsChanged(
            String table, @Nullable String from, @Nullable String to) implements SchemaChange {
        public String key() {
            return "options " + table;
        }

        public String inverseKey() {
            return key();
        }
    }

    /** The same trigger, enabled, disabled, or firing on replicas only or always. */
    record TriggerStateChanged(Trigger from, Trigger to) implements SchemaChange {
        public String key() {
            return "trigger-state " + to.table() + "." + to.name();
        }

        public String inverseKey() {
            return key();
        }
    }

    /** A comment set, changed or removed ({@code to} null). */
    record CommentChanged(
            String target, @Nullable String from, @Nullable String to) implements SchemaChange {
        public String key() {
            return "comment " + target;
        }

        public String inverseKey() {
            return key();
        }
    }

    /** A difference the generator has no statement for yet: the caller refuses it loudly. */
    record NotGeneratedYet(String kind, String object) implements SchemaChange {
        public String key() {
            return "? " + kind + " " + object;
        }

        public String inverseKey() {
            return key();
        }

        @Override
        public String toString() {
            return "not generated yet: " + kind + " " + object;
        }
    }
}
