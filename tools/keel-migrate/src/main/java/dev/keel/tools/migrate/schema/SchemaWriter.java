package dev.keel.tools.migrate.schema;

import dev.keel.tools.migrate.schema.DeclaredSchema.Column;
import dev.keel.tools.migrate.schema.DeclaredSchema.CompositeType;
import dev.keel.tools.migrate.schema.DeclaredSchema.Constraint;
import dev.keel.tools.migrate.schema.DeclaredSchema.Domain;
import dev.keel.tools.migrate.schema.DeclaredSchema.Extension;
import dev.keel.tools.migrate.schema.DeclaredSchema.Function;
import dev.keel.tools.migrate.schema.DeclaredSchema.Index;
import dev.keel.tools.migrate.schema.DeclaredSchema.NamedConstraint;
import dev.keel.tools.migrate.schema.DeclaredSchema.Sequence;
import dev.keel.tools.migrate.schema.DeclaredSchema.SequenceOptions;
import dev.keel.tools.migrate.schema.DeclaredSchema.SequenceOwner;
import dev.keel.tools.migrate.schema.DeclaredSchema.Table;
import dev.keel.tools.migrate.schema.DeclaredSchema.Trigger;
import dev.keel.tools.migrate.schema.DeclaredSchema.View;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The canonical text of a {@link DeclaredSchema}: one statement per object, in sections whose order
 * creates everything after what it needs, so the file also runs on an empty database.
 */
public final class SchemaWriter {

    public static final String HEADER = """
            -- The schema the migrations produce, written by keel-migrate from PostgreSQL's catalog. To change the
            -- schema, edit this file the way it should look and run make migrate-create NAME=...: it writes the
            -- migration and its undo, then rewrites this file (make migrate-up and make migrate-schema do too). A
            -- rename needs a hint, -- keel:renamed-from old_name, on the line before the object or at its end.
            -- make migrate-drift (part of make verify) fails when this file and the migrations disagree.

            -- As pg_dump: function bodies are checked when they run, so a function may name a table defined below.
            SET check_function_bodies = false;
            """;

    private final StringBuilder text = new StringBuilder(HEADER);

    private SchemaWriter() {}

    public static String write(DeclaredSchema schema) {
        return new SchemaWriter().sections(schema).text.toString();
    }

    private SchemaWriter sections(DeclaredSchema schema) {
        section("Schemas", schema.schemas(), SchemaWriter::schema);
        section("Extensions", schema.extensions(), SchemaWriter::extension);
        section(
                "Enums",
                schema.enums(),
                type -> "CREATE TYPE " + type.name() + " AS ENUM ("
                        + type.labels().stream().map(SchemaWriter::literal).collect(Collectors.joining(", ")) + ");");
        section("Domains", schema.domains(), SchemaWriter::domain);
        section("Composite types", schema.composites(), SchemaWriter::composite);
        section("Sequences", schema.sequences(), SchemaWriter::sequence);
        section(
                "Functions",
                only(schema.functions(), function -> !function.dependsOnRelations()),
                SchemaWriter::function);
        section("Tables", schema.tables(), SchemaWriter::table);
        section("Sequences owned by columns", schema.sequenceOwners(), SchemaWriter::sequenceOwner);
        section(
                "Constraints",
                only(schema.constraints(), constraint -> !constraint.foreignKey()),
                SchemaWriter::constraint);
        section("Foreign keys", only(schema.constraints(), Constraint::foreignKey), SchemaWriter::constraint);
        section("Indexes", only(schema.indexes(), index -> !index.onMaterializedView()), SchemaWriter::index);
        section("Views", schema.views(), SchemaWriter::view);
        section(
                "Indexes on materialized views",
                only(schema.indexes(), Index::onMaterializedView),
                SchemaWriter::index);
        section(
                "Functions on tables and views",
                only(schema.functions(), Function::dependsOnRelations),
                SchemaWriter::function);
        section("Triggers", schema.triggers(), SchemaWriter::trigger);
        section(
                "Comments",
                schema.comments(),
                comment -> "COMMENT ON " + comment.target() + " IS " + literal(comment.text()) + ";");
        return this;
    }

    private <T> void section(String title, List<T> objects, java.util.function.Function<T, String> statement) {
        if (objects.isEmpty()) {
            return;
        }
        text.append("\n-- ").append(title).append("\n");
        for (T object : objects) {
            text.append("\n").append(statement.apply(object)).append("\n");
        }
    }

    private static <T> List<T> only(List<T> objects, Predicate<T> condition) {
        return objects.stream().filter(condition).toList();
    }

    public static String schema(String name) {
        return "CREATE SCHEMA " + name + ";";
    }

    public static String extension(Extension extension) {
        return "CREATE EXTENSION IF NOT EXISTS " + extension.name() + " WITH SCHEMA " + extension.schema() + ";";
    }

    public static String composite(CompositeType type) {
        return "CREATE TYPE " + type.name() + " AS ("
                + type.attributes().stream()
                        .map(attribute ->
                                "\n    " + attribute.name() + " " + attribute.type() + collate(attribute.collation()))
                        .collect(Collectors.joining(","))
                + "\n);";
    }

    public static String sequence(Sequence sequence) {
        return "CREATE SEQUENCE " + sequence.name() + " AS "
                + sequence.options().type()
                + options(sequence.options()).stream()
                        .map(option -> " " + option)
                        .collect(Collectors.joining())
                + ";";
    }

    public static String sequenceOwner(SequenceOwner owner) {
        return "ALTER SEQUENCE " + owner.sequence() + " OWNED BY " + owner.table() + "." + owner.column() + ";";
    }

    public static String domain(Domain domain) {
        StringBuilder sql = new StringBuilder("CREATE DOMAIN " + domain.name() + " AS " + domain.baseType());
        sql.append(collate(domain.collation()));
        if (domain.defaultExpression() != null) {
            sql.append(" DEFAULT ").append(domain.defaultExpression());
        }
        if (domain.notNull()) {
            sql.append(" NOT NULL");
        }
        for (NamedConstraint constraint : domain.constraints()) {
            sql.append("\n    CONSTRAINT ")
                    .append(constraint.name())
                    .append(" ")
                    .append(constraint.definition());
        }
        return sql.append(";").toString();
    }

    private static String table(Table table) {
        String columns =
                table.columns().stream().map(column -> "    " + column(column)).collect(Collectors.joining(",\n"));
        return "CREATE " + (table.unlogged() ? "UNLOGGED " : "") + "TABLE " + table.name() + " ("
                + (columns.isEmpty() ? "" : "\n" + columns + "\n") + ")"
                + (table.options() == null ? "" : " WITH (" + table.options() + ")") + ";";
    }

    /** A column as CREATE TABLE and ADD COLUMN write it. */
    public static String column(Column column) {
        StringBuilder sql = new StringBuilder(column.name() + " " + column.type() + collate(column.collation()));
        switch (column.identity()) {
            case ALWAYS -> sql.append(" GENERATED ALWAYS AS IDENTITY").append(identityOptions(column));
            case BY_DEFAULT -> sql.append(" GENERATED BY DEFAULT AS IDENTITY").append(identityOptions(column));
            case NONE -> {
                if (column.generatedExpression() != null) {
                    sql.append(" GENERATED ALWAYS AS (")
                            .append(column.generatedExpression())
                            .append(") STORED");
                }
                if (column.defaultExpression() != null) {
                    sql.append(" DEFAULT ").append(column.defaultExpression());
                }
                if (column.notNull()) {
                    sql.append(" NOT NULL"); // an identity column is NOT NULL by itself
                }
            }
        }
        return sql.toString();
    }

    private static String identityOptions(Column column) {
        SequenceOptions options = column.identityOptions();
        List<String> differences = options == null ? List.of() : options(options);
        return differences.isEmpty() ? "" : " (" + String.join(" ", differences) + ")";
    }

    /** The options that differ from what CREATE SEQUENCE would choose by itself for the type and direction. */
    static List<String> options(SequenceOptions options) {
        long typeMax =
                switch (options.type()) {
                    case "smallint" -> Short.MAX_VALUE;
                    case "integer" -> Integer.MAX_VALUE;
                    default -> Long.MAX_VALUE;
                };
        long typeMin =
                switch (options.type()) {
                    case "smallint" -> Short.MIN_VALUE;
                    case "integer" -> Integer.MIN_VALUE;
                    default -> Long.MIN_VALUE;
                };
        boolean ascending = options.increment() > 0;
        long defaultMin = ascending ? 1 : typeMin;
        long defaultMax = ascending ? typeMax : -1;
        List<String> differences = new ArrayList<>();
        if (options.increment() != 1) {
            differences.add("INCREMENT BY " + options.increment());
        }
        if (options.min() != defaultMin) {
            differences.add("MINVALUE " + options.min());
        }
        if (options.max() != defaultMax) {
            differences.add("MAXVALUE " + options.max());
        }
        if (options.start() != (ascending ? options.min() : options.max())) {
            differences.add("START WITH " + options.start());
        }
        if (options.cache() != 1) {
            differences.add("CACHE " + options.cache());
        }
        if (options.cycle()) {
            differences.add("CYCLE");
        }
        return differences;
    }

    private static String function(Function function) {
        return function.definition().strip() + ";";
    }

    private static String constraint(Constraint constraint) {
        return "ALTER TABLE " + constraint.table() + " ADD CONSTRAINT " + constraint.name() + " "
                + constraint.definition() + ";";
    }

    private static String index(Index index) {
        return index.definition() + ";";
    }

    /** CREATE VIEW or CREATE MATERIALIZED VIEW, as the file writes it. */
    public static String view(View view) {
        String query = view.query().strip();
        if (query.endsWith(";")) {
            query = query.substring(0, query.length() - 1);
        }
        String with = view.options() == null ? "" : " WITH (" + view.options() + ")";
        return view.materialized()
                ? "CREATE MATERIALIZED VIEW " + view.name() + with + " AS\n" + query
                        + (view.populated() ? "\nWITH DATA;" : "\nWITH NO DATA;")
                : "CREATE VIEW " + view.name() + with + " AS\n" + query + ";";
    }

    /** CREATE TRIGGER, and the ALTER TABLE that disables it or fires it on replicas when it is not the default. */
    public static String trigger(Trigger trigger) {
        return trigger.definition() + ";" + (trigger.enabled() == 'O' ? "" : "\n" + triggerState(trigger));
    }

    /** The statement that puts a trigger in its state: enabled, disabled, replica only or always. */
    public static String triggerState(Trigger trigger) {
        String state =
                switch (trigger.enabled()) {
                    case 'D' -> "DISABLE TRIGGER ";
                    case 'R' -> "ENABLE REPLICA TRIGGER ";
                    case 'A' -> "ENABLE ALWAYS TRIGGER ";
                    default -> "ENABLE TRIGGER ";
                };
        return "ALTER TABLE " + trigger.table() + " " + state + trigger.name() + ";";
    }

    private static String collate(@Nullable String collation) {
        return collation == null ? "" : " COLLATE " + collation;
    }

    /** A string literal: quotes doubled, as standard_conforming_strings (on since PostgreSQL 9.1) reads it. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
