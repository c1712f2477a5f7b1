package dev.keel.tools.migrate.generate;

import static dev.keel.tools.migrate.schema.SchemaWriter.literal;

import dev.keel.tools.lint.VolatileDefaults;
import dev.keel.tools.migrate.generate.Generator.Phase;
import dev.keel.tools.migrate.generate.RenameHint.Kind;
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
import dev.keel.tools.migrate.generate.SchemaChange.Renamed;
import dev.keel.tools.migrate.generate.SchemaChange.TableAdded;
import dev.keel.tools.migrate.generate.SchemaChange.TableDropped;
import dev.keel.tools.migrate.generate.SchemaChange.TableOptionsChanged;
import dev.keel.tools.migrate.generate.SchemaChange.TriggerAdded;
import dev.keel.tools.migrate.generate.SchemaChange.TriggerDropped;
import dev.keel.tools.migrate.generate.SchemaChange.TriggerStateChanged;
import dev.keel.tools.migrate.generate.SchemaChange.ViewAdded;
import dev.keel.tools.migrate.generate.SchemaChange.ViewDropped;
import dev.keel.tools.migrate.schema.DeclaredSchema.Column;
import dev.keel.tools.migrate.schema.DeclaredSchema.Constraint;
import dev.keel.tools.migrate.schema.DeclaredSchema.Function;
import dev.keel.tools.migrate.schema.DeclaredSchema.Table;
import dev.keel.tools.migrate.schema.SchemaWriter;
import dev.keel.tools.migration.UndoScript;
import dev.keel.tools.sql.FlywayScript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The SQL of each change: the online form in a migration, the plain one in an undo. */
final class Statements {

    static final String TIMEOUTS = "SET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '60s';\n";

    private static final Pattern PLAIN_UNIQUE = Pattern.compile("UNIQUE \\(([^()]+)\\)");
    private static final Pattern TYPE = Pattern.compile("([a-z ]+?)(?:\\((\\d+)(?:,(\\d+))?\\))?");

    /** A statement and where it goes in its file. */
    private record Statement(Place place, String sql) {}

    private Statements() {}

    static String migration(Phase phase, List<SchemaChange> changes) {
        List<Statement> statements = new ArrayList<>();
        changes.forEach(change -> statements.addAll(forward(phase, change)));
        String body = ordered(statements);
        return switch (phase) {
            // Alone and with no SET: Flyway runs it outside a transaction, where a timeout is not needed.
            case DROP_INDEX, CREATE_INDEX -> FlywayScript.NON_TRANSACTIONAL_HEADER + "\n" + body;
            default -> TIMEOUTS + "\n" + body;
        };
    }

    /**
     * An undo runs in one transaction with its history row: plain forms, no CONCURRENTLY. It undoes its own file
     * alone, since make migrate-test takes each file down and up again: {@code backward} holds the reverse diff's
     * changes paired with this file, and a change made over several files ({@link Generator#isStaged}) is put back
     * to the state the file before it left. A file that drops rows or values cannot be undone: its undo says so.
     */
    static String undo(Phase phase, List<SchemaChange> forward, List<SchemaChange> backward) {
        List<String> lost = forward.stream()
                .map(change -> switch (change) {
                    case TableDropped dropped ->
                        "the rows of " + dropped.table().name();
                    case ColumnDropped dropped ->
                        "the values of " + dropped.table() + "."
                                + dropped.column().name();
                    default -> "";
                })
                .filter(what -> !what.isEmpty())
                .toList();
        if (!lost.isEmpty()) {
            return UndoScript.IRREVERSIBLE + " this migration drops " + String.join(", ", lost)
                    + ", which no undo brings back; restore them from a backup (make restore-db)\n";
        }
        List<String> irreversible = backward.stream()
                .filter(change -> change instanceof EnumValueRemoved)
                .map(change -> (EnumValueRemoved) change)
                .map(removed -> removed.type() + " keeps '" + removed.label() + "'")
                .toList();
        if (!irreversible.isEmpty()) {
            return UndoScript.IRREVERSIBLE + " PostgreSQL cannot drop a value from an enum: "
                    + String.join(", ", irreversible) + "\n";
        }
        List<Statement> statements = new ArrayList<>();
        backward.forEach(change -> statements.addAll(plain(change)));
        forward.stream().filter(Generator::isStaged).forEach(change -> statements.addAll(stagedUndo(phase, change)));
        return TIMEOUTS + "\n" + ordered(statements);
    }

    /** What puts a change made over several files back as the file before this one left it. */
    private static List<Statement> stagedUndo(Phase phase, SchemaChange change) {
        if (change instanceof NotNullSet set) {
            String table = "ALTER TABLE " + set.table();
            String check = notNullCheck(set.table(), set.column());
            String condition = " CHECK (" + set.column().name() + " IS NOT NULL)";
            return List.of(
                    switch (phase) {
                        case MAIN -> new Statement(Place.CONSTRAINT_DROPPED, table + " DROP CONSTRAINT " + check + ";");
                        case VALIDATE ->
                            new Statement(
                                    Place.CONSTRAINT_ADDED,
                                    table + " DROP CONSTRAINT " + check + ";\n" + table + " ADD CONSTRAINT " + check
                                            + condition + " NOT VALID;");
                        default ->
                            new Statement(
                                    Place.NOT_NULL_CHANGED,
                                    table + " ADD CONSTRAINT " + check + condition + ";\n"
                                            + alterColumn(set.table(), set.column()) + "DROP NOT NULL;");
                    });
        }
        Constraint constraint = ((ConstraintAdded) change).constraint();
        String table = "ALTER TABLE " + constraint.table();
        String drop = table + " DROP CONSTRAINT " + constraint.name() + ";";
        if (isUnique(constraint)) {
            return List.of(
                    phase == Phase.CREATE_INDEX
                            ? new Statement(
                                    Place.INDEX_DROPPED,
                                    "DROP INDEX " + schemaOf(constraint.table()) + constraint.name() + ";")
                            : new Statement(Place.CONSTRAINT_ADDED, drop + "\n" + uniqueIndex(constraint, "")));
        }
        return List.of(
                phase == Phase.MAIN
                        ? new Statement(
                                constraint.foreignKey() ? Place.FOREIGN_KEY_DROPPED : Place.CONSTRAINT_DROPPED, drop)
                        : new Statement(Place.CONSTRAINT_ADDED, drop + "\n" + addConstraint(constraint, " NOT VALID")));
    }

    /** {@code public.} of {@code public.widget}: where a table's indexes are. */
    private static String schemaOf(String table) {
        return table.substring(0, table.length() - Renames.unqualified(table).length());
    }

    private static String uniqueIndex(Constraint constraint, String concurrently) {
        Matcher columns = PLAIN_UNIQUE.matcher(constraint.definition());
        columns.matches();
        return "CREATE UNIQUE INDEX " + concurrently + constraint.name() + " ON " + constraint.table()
                + " USING btree (" + columns.group(1) + ");";
    }

    private static String ordered(List<Statement> statements) {
        return statements.stream()
                .sorted(Comparator.comparing(Statement::place))
                .map(statement -> statement.sql() + "\n")
                .collect(Collectors.joining());
    }

    private static List<Statement> forward(Phase phase, SchemaChange change) {
        return switch (change) {
            case IndexAdded added ->
                List.of(new Statement(Place.ALONE, concurrently(added.index().definition()) + ";"));
            case IndexDropped dropped ->
                List.of(new Statement(
                        Place.ALONE,
                        "DROP INDEX CONCURRENTLY IF EXISTS " + dropped.index().name() + ";"));
            case ConstraintAdded added -> constraintAdded(phase, added.constraint());
            case NotNullSet set -> notNullSet(phase, set);
            case TableDropped dropped ->
                List.of(new Statement(
                        Place.TABLE_DROPPED,
                        "-- keel:allow drop-table ALLOW=drop: "
                                + dropped.table().name() + " is gone from db/schema.sql\nDROP TABLE "
                                + dropped.table().name() + ";"));
            case ColumnDropped dropped ->
                List.of(new Statement(
                        Place.COLUMN_DROPPED,
                        "-- keel:allow drop-column ALLOW=drop: "
                                + dropped.column().name() + " is gone from db/schema.sql\n" + dropColumn(dropped)));
            case Renamed renamed ->
                List.of(new Statement(
                        renamed.kind() == Kind.TABLE ? Place.TABLE_RENAMED : Place.RENAMED,
                        renameWithPermission(renamed)));
            case ObjectDropped dropped
            when dropped.kind() == ObjectKind.SCHEMA ->
                List.of(new Statement(
                        dropped.kind().dropped,
                        "-- keel:allow drop-schema ALLOW=drop: " + dropped.name() + " is gone from db/schema.sql\n"
                                + dropped.sql()));
            case ColumnTypeChanged changed
            when rewrites(changed) ->
                List.of(new Statement(
                        Place.COLUMN_TYPE_CHANGED,
                        "-- keel:allow rewriting-type-change ALLOW=rewrite: the rewrite was asked for\n"
                                + typeChange(changed)));
            case ColumnAdded added
            when added.column().defaultExpression() != null
                    && isVolatile(added.column().defaultExpression()) ->
                List.of(new Statement(
                        Place.COLUMN_ADDED,
                        "-- keel:allow volatile-default ALLOW=rewrite: the rewrite was asked for\n"
                                + addColumn(added)));
            default -> plain(change);
        };
    }

    /** The one form each change has outside the online recipes; all an undo uses. */
    private static List<Statement> plain(SchemaChange change) {
        return switch (change) {
            case CommentChanged comment ->
                List.of(new Statement(
                        comment.to() == null ? Place.COMMENT_REMOVED : Place.COMMENT_SET,
                        "COMMENT ON " + comment.target() + " IS "
                                + (comment.to() == null ? "NULL" : literal(comment.to())) + ";"));
            case TriggerDropped dropped ->
                List.of(new Statement(
                        Place.TRIGGER_DROPPED,
                        "DROP TRIGGER " + dropped.trigger().name() + " ON "
                                + dropped.trigger().table() + ";"));
            case ConstraintDropped dropped ->
                List.of(new Statement(
                        dropped.constraint().foreignKey() ? Place.FOREIGN_KEY_DROPPED : Place.CONSTRAINT_DROPPED,
                        "ALTER TABLE " + dropped.constraint().table() + " DROP CONSTRAINT "
                                + dropped.constraint().name() + ";"));
            case IndexDropped dropped ->
                List.of(new Statement(
                        Place.INDEX_DROPPED, "DROP INDEX " + dropped.index().name() + ";"));
            case ColumnDropped dropped -> List.of(new Statement(Place.COLUMN_DROPPED, dropColumn(dropped)));
            case TableDropped dropped ->
                List.of(new Statement(
                        Place.TABLE_DROPPED, "DROP TABLE " + dropped.table().name() + ";"));
            case EnumTypeDropped dropped ->
                List.of(new Statement(
                        Place.TYPE_DROPPED, "DROP TYPE " + dropped.type().name() + ";"));
            case EnumTypeAdded added ->
                List.of(new Statement(
                        Place.TYPE_CREATED,
                        "CREATE TYPE " + added.type().name() + " AS ENUM ("
                                + added.type().labels().stream()
                                        .map(SchemaWriter::literal)
                                        .collect(Collectors.joining(", "))
                                + ");"));
            case EnumValueAdded added ->
                List.of(new Statement(
                        Place.TYPE_CREATED,
                        "ALTER TYPE " + added.type() + " ADD VALUE " + literal(added.label())
                                + (added.after() != null
                                        ? " AFTER " + literal(added.after())
                                        : " BEFORE " + literal(added.before()))
                                + ";"));
            case TableAdded added -> tableAdded(added);
            case ColumnAdded added -> List.of(new Statement(Place.COLUMN_ADDED, addColumn(added)));
            case ColumnTypeChanged changed -> List.of(new Statement(Place.COLUMN_TYPE_CHANGED, typeChange(changed)));
            case ColumnDefaultChanged changed ->
                List.of(new Statement(
                        Place.DEFAULT_SET,
                        alterColumn(changed.table(), changed.to())
                                + (changed.to().defaultExpression() == null
                                        ? "DROP DEFAULT;"
                                        : "SET DEFAULT " + changed.to().defaultExpression() + ";")));
            case NotNullDropped dropped ->
                List.of(new Statement(
                        Place.NOT_NULL_CHANGED, alterColumn(dropped.table(), dropped.column()) + "DROP NOT NULL;"));
            case NotNullSet set ->
                List.of(new Statement(
                        Place.NOT_NULL_CHANGED, alterColumn(set.table(), set.column()) + "SET NOT NULL;"));
            case ConstraintAdded added ->
                List.of(new Statement(Place.CONSTRAINT_ADDED, addConstraint(added.constraint(), "")));
            case IndexAdded added ->
                List.of(new Statement(Place.INDEX_CREATED, added.index().definition() + ";"));
            case TriggerAdded added ->
                List.of(new Statement(Place.TRIGGER_CREATED, SchemaWriter.trigger(added.trigger())));
            case TableOptionsChanged changed -> List.of(new Statement(Place.STORAGE_SET, tableOptions(changed)));
            case TriggerStateChanged changed ->
                List.of(new Statement(Place.TRIGGER_STATE_SET, SchemaWriter.triggerState(changed.to())));
            case Renamed renamed ->
                List.of(new Statement(
                        renamed.kind() == Kind.TABLE ? Place.TABLE_RENAMED_BACK : Place.RENAMED_BACK,
                        Renames.statement(renamed)));
            case ViewDropped dropped ->
                List.of(new Statement(
                        Place.VIEW_DROPPED,
                        "DROP " + (dropped.view().materialized() ? "MATERIALIZED " : "") + "VIEW "
                                + dropped.view().name() + ";"));
            case ViewAdded added -> {
                List<Statement> statements = new ArrayList<>();
                statements.add(new Statement(Place.VIEW_CREATED, SchemaWriter.view(added.view())));
                added.indexes()
                        .forEach(index ->
                                statements.add(new Statement(Place.VIEW_INDEX_CREATED, index.definition() + ";")));
                yield statements;
            }
            case ObjectAdded added -> List.of(new Statement(added.kind().created, added.sql()));
            case ObjectDropped dropped -> List.of(new Statement(dropped.kind().dropped, dropped.sql()));
            case FunctionDropped dropped ->
                List.of(new Statement(
                        Place.FUNCTION_DROPPED,
                        "DROP FUNCTION " + dropped.function().identity() + ";"));
            case FunctionAdded added -> List.of(function(added.function()));
            case FunctionReplaced replaced
            when !returns(replaced.from()).equals(returns(replaced.to())) ->
                // CREATE OR REPLACE cannot change what a function returns.
                List.of(
                        new Statement(
                                Place.FUNCTION_DROPPED,
                                "DROP FUNCTION " + replaced.from().identity() + ";"),
                        function(replaced.to()));
            case FunctionReplaced replaced -> List.of(function(replaced.to()));
            case EnumValueRemoved removed ->
                throw new IllegalStateException("An enum value cannot be dropped: " + removed);
            case NotGeneratedYet unsupported -> throw new IllegalStateException(unsupported.toString());
        };
    }

    /** RESET what is gone, SET what is new or changed: a storage parameter takes no rewrite. */
    private static String tableOptions(TableOptionsChanged changed) {
        Map<String, String> from = options(changed.from());
        Map<String, String> to = options(changed.to());
        List<String> statements = new ArrayList<>();
        List<String> reset =
                from.keySet().stream().filter(key -> !to.containsKey(key)).toList();
        if (!reset.isEmpty()) {
            statements.add("ALTER TABLE " + changed.table() + " RESET (" + String.join(", ", reset) + ");");
        }
        List<String> set = to.entrySet().stream()
                .filter(option -> !option.getValue().equals(from.get(option.getKey())))
                .map(option -> option.getKey() + "=" + option.getValue())
                .toList();
        if (!set.isEmpty()) {
            statements.add("ALTER TABLE " + changed.table() + " SET (" + String.join(", ", set) + ");");
        }
        return String.join("\n", statements);
    }

    /** reloptions as the reader joins them: {@code fillfactor=70, autovacuum_enabled=false}. */
    private static Map<String, String> options(@Nullable String options) {
        Map<String, String> parsed = new LinkedHashMap<>();
        if (options != null) {
            for (String option : options.split(", ")) {
                int equals = option.indexOf('=');
                parsed.put(option.substring(0, equals), option.substring(equals + 1));
            }
        }
        return parsed;
    }

    /** The RETURNS line pg_get_functiondef writes (none for a procedure). */
    private static String returns(Function function) {
        return function.definition()
                .lines()
                .filter(line -> line.startsWith(" RETURNS "))
                .findFirst()
                .orElse("");
    }

    /** pg_get_functiondef writes CREATE OR REPLACE: the same statement adds and replaces. */
    private static Statement function(Function function) {
        return new Statement(
                function.dependsOnRelations() ? Place.FUNCTION_ON_RELATIONS_CREATED : Place.FUNCTION_CREATED,
                function.definition().strip() + ";");
    }

    /** The rename a hint asked for, with the permission the linter needs for a rename the running release sees. */
    private static String renameWithPermission(Renamed renamed) {
        String rule =
                switch (renamed.kind()) {
                    case TABLE -> "rename-table";
                    case COLUMN -> "rename-column";
                    default -> "";
                };
        return (rule.isEmpty()
                        ? ""
                        : "-- keel:allow " + rule + " asked for by a keel:renamed-from hint in db/schema.sql:"
                                + " no running release may use the old name\n")
                + Renames.statement(renamed);
    }

    /** A new table with its checks and keys inline (the model checklist reads them there); foreign keys after every table. */
    private static List<Statement> tableAdded(TableAdded added) {
        Table table = added.table();
        List<String> lines = new ArrayList<>();
        table.columns().forEach(column -> lines.add("    " + SchemaWriter.column(column)));
        added.constraints().stream()
                .filter(constraint -> !constraint.foreignKey())
                .forEach(
                        constraint -> lines.add("    CONSTRAINT " + constraint.name() + " " + constraint.definition()));
        List<Statement> statements = new ArrayList<>();
        statements.add(new Statement(
                Place.TABLE_CREATED,
                "CREATE " + (table.unlogged() ? "UNLOGGED " : "") + "TABLE " + table.name() + " (\n"
                        + String.join(",\n", lines) + "\n)"
                        + (table.options() == null ? "" : " WITH (" + table.options() + ")") + ";"));
        added.constraints().stream()
                .filter(Constraint::foreignKey)
                .forEach(constraint ->
                        statements.add(new Statement(Place.NEW_TABLE_KEY_ADDED, addConstraint(constraint, ""))));
        added.indexes()
                .forEach(index -> statements.add(new Statement(Place.NEW_TABLE_KEY_ADDED, index.definition() + ";")));
        added.triggers()
                .forEach(
                        trigger -> statements.add(new Statement(Place.TRIGGER_CREATED, SchemaWriter.trigger(trigger))));
        return statements;
    }

    /** Check and foreign key NOT VALID now, validated later; UNIQUE from an index built concurrently. */
    private static List<Statement> constraintAdded(Phase phase, Constraint constraint) {
        if (isUnique(constraint)) {
            return List.of(
                    phase == Phase.CREATE_INDEX
                            ? new Statement(Place.ALONE, uniqueIndex(constraint, "CONCURRENTLY "))
                            : new Statement(
                                    Place.CONSTRAINT_ADDED,
                                    "ALTER TABLE " + constraint.table() + " ADD CONSTRAINT " + constraint.name()
                                            + " UNIQUE USING INDEX " + constraint.name() + ";"));
        }
        if (phase == Phase.VALIDATE) {
            return List.of(new Statement(
                    Place.CONSTRAINT_ADDED,
                    "ALTER TABLE " + constraint.table() + " VALIDATE CONSTRAINT " + constraint.name() + ";"));
        }
        return List.of(new Statement(
                Place.CONSTRAINT_ADDED, addConstraint(constraint, needsLaterStep(constraint) ? " NOT VALID" : "")));
    }

    private static List<Statement> notNullSet(Phase phase, NotNullSet set) {
        String check = notNullCheck(set.table(), set.column());
        String table = "ALTER TABLE " + set.table();
        return List.of(
                switch (phase) {
                    case MAIN ->
                        new Statement(
                                Place.CONSTRAINT_ADDED,
                                table + " ADD CONSTRAINT " + check + " CHECK ("
                                        + set.column().name() + " IS NOT NULL) NOT VALID;");
                    case VALIDATE ->
                        new Statement(Place.CONSTRAINT_ADDED, table + " VALIDATE CONSTRAINT " + check + ";");
                    default ->
                        new Statement(
                                Place.NOT_NULL_CHANGED,
                                alterColumn(set.table(), set.column()) + "SET NOT NULL;\n" + table + " DROP CONSTRAINT "
                                        + check + ";");
                });
    }

    /** The temporary CHECK that lets SET NOT NULL skip its scan. */
    private static String notNullCheck(String table, Column column) {
        String name = Generator.fileWord(table) + "_" + column.name().replace("\"", "") + "_not_null";
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    static boolean isUnique(Constraint constraint) {
        return constraint.kind() == 'u'
                && PLAIN_UNIQUE.matcher(constraint.definition()).matches();
    }

    /** Whether the constraint is finished by a later file: validated, or attached to its index. */
    static boolean needsLaterStep(Constraint constraint) {
        return isUnique(constraint)
                || ((constraint.kind() == 'c' || constraint.kind() == 'f')
                        && !constraint.definition().endsWith(" NOT VALID"));
    }

    private static String addConstraint(Constraint constraint, String suffix) {
        return "ALTER TABLE " + constraint.table() + " ADD CONSTRAINT " + constraint.name() + " "
                + constraint.definition() + suffix + ";";
    }

    private static String addColumn(ColumnAdded added) {
        return "ALTER TABLE " + added.table() + " ADD COLUMN " + SchemaWriter.column(added.column()) + ";";
    }

    private static String dropColumn(ColumnDropped dropped) {
        return "ALTER TABLE " + dropped.table() + " DROP COLUMN "
                + dropped.column().name() + ";";
    }

    private static String typeChange(ColumnTypeChanged changed) {
        return alterColumn(changed.table(), changed.to()) + "TYPE "
                + changed.to().type() + ";";
    }

    private static String alterColumn(String table, Column column) {
        return "ALTER TABLE " + table + " ALTER COLUMN " + column.name() + " ";
    }

    private static String concurrently(String indexDefinition) {
        return indexDefinition.replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY ");
    }

    /** A default computed for every row, so ADD COLUMN rewrites: as the linter judges it. */
    static boolean isVolatile(String defaultExpression) {
        return VolatileDefaults.isVolatile(defaultExpression);
    }

    /**
     * Whether ALTER COLUMN TYPE rewrites the table, from format_type's text: only the binary-coercible
     * changes whose new type holds every old value (a longer varchar, varchar to text, more numeric precision
     * at the same scale, cidr to inet) do not.
     */
    static boolean rewrites(ColumnTypeChanged changed) {
        Matcher from = TYPE.matcher(changed.from().type());
        Matcher to = TYPE.matcher(changed.to().type());
        if (!from.matches() || !to.matches()) {
            return true;
        }
        String a = from.group(1);
        String b = to.group(1);
        return switch (a) {
            case "character varying" -> !(b.equals("text") || (b.equals("character varying") && widens(from, to)));
            case "text" -> !(b.equals("character varying") && to.group(2) == null);
            case "numeric" ->
                !(b.equals("numeric")
                        && (to.group(2) == null
                                || (from.group(2) != null
                                        && Integer.parseInt(to.group(2)) >= Integer.parseInt(from.group(2))
                                        && java.util.Objects.equals(from.group(3), to.group(3)))));
            case "bit varying" -> !(b.equals("bit varying") && widens(from, to));
            case "cidr" -> !b.equals("inet");
            default -> true;
        };
    }

    private static boolean widens(Matcher from, Matcher to) {
        return to.group(2) == null
                || (from.group(2) != null && Integer.parseInt(to.group(2)) >= Integer.parseInt(from.group(2)));
    }
}
