package dev.keel.tools.migrate.schema;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A database's schema as its catalog describes it. Names are quoted and schema-qualified as
 * PostgreSQL's {@code quote_ident} writes them; definitions are the catalog's own deparsed text
 * ({@code pg_get_constraintdef}, {@code pg_get_indexdef}, ...), read with an empty search_path so
 * every name in them is qualified too. Each list is in the order the file writes it.
 */
public record DeclaredSchema(
        List<String> schemas,
        List<Extension> extensions,
        List<EnumType> enums,
        List<Domain> domains,
        List<CompositeType> composites,
        List<Sequence> sequences,
        List<Function> functions,
        List<Table> tables,
        List<SequenceOwner> sequenceOwners,
        List<Constraint> constraints,
        List<Index> indexes,
        List<View> views,
        List<Trigger> triggers,
        List<Comment> comments) {

    /**
     * The same schema with each table's columns in name order, for comparing schemas an undo script went through:
     * ADD COLUMN can only put a column back last.
     */
    public DeclaredSchema withColumnsByName() {
        return new DeclaredSchema(
                schemas,
                extensions,
                enums,
                domains,
                composites,
                sequences,
                functions,
                tables.stream()
                        .map(table -> new Table(
                                table.name(),
                                table.unlogged(),
                                table.options(),
                                table.columns().stream()
                                        .sorted(java.util.Comparator.comparing(Column::name))
                                        .toList()))
                        .toList(),
                sequenceOwners,
                constraints,
                indexes,
                views,
                triggers,
                comments);
    }

    public record Extension(String name, String schema) {}

    public record EnumType(String name, List<String> labels) {}

    /** A named constraint: a domain's CHECK or NOT NULL. */
    public record NamedConstraint(String name, String definition) {}

    public record Domain(
            String name,
            String baseType,
            @Nullable String collation,
            @Nullable String defaultExpression,
            boolean notNull,
            List<NamedConstraint> constraints) {}

    public record Attribute(
            String name, String type, @Nullable String collation) {}

    public record CompositeType(String name, List<Attribute> attributes) {}

    /** What CREATE SEQUENCE and an identity column's options say. */
    public record SequenceOptions(
            String type, long start, long increment, long min, long max, long cache, boolean cycle) {}

    public record Sequence(String name, SequenceOptions options) {}

    /**
     * A function or procedure as {@code pg_get_functiondef} writes it. One whose signature or
     * {@code BEGIN ATOMIC} body refers to a table or view is written after the views.
     */
    public record Function(String identity, String definition, boolean dependsOnRelations) {}

    public enum Identity {
        NONE,
        ALWAYS,
        BY_DEFAULT
    }

    public record Column(
            String name,
            String type,
            @Nullable String collation,
            @Nullable String defaultExpression,
            @Nullable String generatedExpression,
            Identity identity,
            @Nullable SequenceOptions identityOptions,
            boolean notNull) {}

    public record Table(
            String name, boolean unlogged, @Nullable String options, List<Column> columns) {}

    /** A serial column's sequence, dropped with the column: ALTER SEQUENCE ... OWNED BY. */
    public record SequenceOwner(String sequence, String table, String column) {}

    /** {@code kind} is pg_constraint.contype: p, u, c, x or f. */
    public record Constraint(String table, String name, char kind, String definition) {

        public boolean foreignKey() {
            return kind == 'f';
        }
    }

    /** An index no constraint owns, on a table or a materialized view. */
    public record Index(String name, String definition, boolean onMaterializedView) {}

    /**
     * A view or materialized view. {@code reads} names what its query depends on, as the catalog records it: the
     * relations it reads ({@code public.widget}) and their columns ({@code public.widget.quantity}). A change to
     * one of those columns has to drop the view first and create it again after.
     */
    public record View(
            String name,
            boolean materialized,
            @Nullable String options,
            String query,
            boolean populated,
            List<String> reads) {

        public View {
            reads = List.copyOf(reads);
        }
    }

    /** {@code enabled} is pg_trigger.tgenabled: O (the default), D, R or A. */
    public record Trigger(String name, String table, String definition, char enabled) {}

    /** {@code target} is what follows COMMENT ON: {@code TABLE public.widget}, {@code COLUMN public.widget.id}. */
    public record Comment(String target, String text) {}
}
