package dev.keel.tools.migrate.generate;

import dev.keel.tools.migrate.generate.RenameHint.Kind;
import dev.keel.tools.migrate.generate.SchemaChange.Renamed;
import dev.keel.tools.migrate.schema.DeclaredSchema;
import dev.keel.tools.migrate.schema.DeclaredSchema.Column;
import dev.keel.tools.migrate.schema.DeclaredSchema.Constraint;
import dev.keel.tools.migrate.schema.DeclaredSchema.Index;
import dev.keel.tools.migrate.schema.DeclaredSchema.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The renames the hints ask for, checked against both catalogs: the old name is in the migrations' schema and not
 * in the edited one, the new name the other way round. The caller runs {@link #sql} on the migrations' scratch
 * database and diffs what PostgreSQL made of it, so every definition that names a renamed object is PostgreSQL's
 * own rewrite, never a text substitution.
 */
public final class Renames {

    private Renames() {}

    /** The renames, tables first; every hint that does not hold is refused with its line. */
    public static List<Renamed> resolve(List<RenameHint> hints, DeclaredSchema from, DeclaredSchema to) {
        List<String> problems = new ArrayList<>();
        List<Renamed> renames = new ArrayList<>();
        hints.stream().filter(hint -> hint.kind() == Kind.TABLE).forEach(hint -> table(hint, from, to, problems)
                .ifPresent(renames::add));
        for (RenameHint hint : hints) {
            switch (hint.kind()) {
                case TABLE -> {}
                case COLUMN -> column(hint, from, to, renames, problems).ifPresent(renames::add);
                case INDEX -> index(hint, from, to, problems).ifPresent(renames::add);
                case CONSTRAINT -> constraint(hint, from, to, renames, problems).ifPresent(renames::add);
            }
        }
        if (!problems.isEmpty()) {
            throw new GenerationRefused(problems);
        }
        return List.copyOf(renames);
    }

    /** The statements that rename, to run where the migrations ran. */
    public static String sql(List<Renamed> renames) {
        return renames.stream()
                .sorted(Comparator.comparing(renamed -> renamed.kind() != Kind.TABLE))
                .map(Renames::statement)
                .collect(Collectors.joining("\n", "", renames.isEmpty() ? "" : "\n"));
    }

    static String statement(Renamed renamed) {
        return switch (renamed.kind()) {
            case TABLE -> "ALTER TABLE " + renamed.from() + " RENAME TO " + unqualified(renamed.to()) + ";";
            case COLUMN ->
                "ALTER TABLE " + renamed.table() + " RENAME COLUMN " + renamed.from() + " TO " + renamed.to() + ";";
            case INDEX -> "ALTER INDEX " + renamed.from() + " RENAME TO " + unqualified(renamed.to()) + ";";
            case CONSTRAINT ->
                "ALTER TABLE " + renamed.table() + " RENAME CONSTRAINT " + renamed.from() + " TO " + renamed.to() + ";";
        };
    }

    private static Optional<Renamed> table(
            RenameHint hint, DeclaredSchema from, DeclaredSchema to, List<String> problems) {
        Optional<Table> renamed = find(to.tables(), Table::name, qualify(hint.to(), "public"));
        if (renamed.isEmpty()) {
            return refuse(problems, hint, "the edited schema has no table " + hint.to());
        }
        List<String> newName = RenameHint.parts(renamed.get().name());
        List<String> oldName = qualify(hint.from(), newName.getFirst());
        if (!oldName.getFirst().equals(newName.getFirst())) {
            return refuse(
                    problems,
                    hint,
                    "a table moved to another schema is not renamed on a hint: write that "
                            + "migration by hand (make migrate-create-manual)");
        }
        Optional<Table> old = find(from.tables(), Table::name, oldName);
        if (old.isEmpty()) {
            return refuse(problems, hint, "the migrations have no table " + hint.from() + " to rename");
        }
        if (find(from.tables(), Table::name, newName).isPresent()) {
            return refuse(
                    problems,
                    hint,
                    "the migrations already have a table " + renamed.get().name());
        }
        if (find(to.tables(), Table::name, oldName).isPresent()) {
            return refuse(
                    problems,
                    hint,
                    "the edited schema still has a table " + old.get().name());
        }
        return Optional.of(
                new Renamed(Kind.TABLE, "", old.get().name(), renamed.get().name()));
    }

    private static Optional<Renamed> column(
            RenameHint hint, DeclaredSchema from, DeclaredSchema to, List<Renamed> renames, List<String> problems) {
        Optional<Table> table = find(to.tables(), Table::name, qualify(hint.table(), "public"));
        Optional<Table> before = table.flatMap(after -> find(from.tables(), Table::name, oldTable(after, renames)));
        if (table.isEmpty() || before.isEmpty()) {
            return refuse(problems, hint, "the migrations have no table " + hint.table() + " to rename a column of");
        }
        Optional<Column> renamed = find(table.get().columns(), Column::name, RenameHint.parts(hint.to()));
        Optional<Column> old = find(before.get().columns(), Column::name, RenameHint.parts(hint.from()));
        if (renamed.isEmpty() || old.isEmpty()) {
            return refuse(
                    problems,
                    hint,
                    "the migrations have no column " + hint.from() + " in "
                            + before.get().name() + " to rename");
        }
        if (find(before.get().columns(), Column::name, RenameHint.parts(hint.to()))
                .isPresent()) {
            return refuse(
                    problems,
                    hint,
                    "the migrations already have a column " + renamed.get().name() + " in "
                            + before.get().name());
        }
        if (find(table.get().columns(), Column::name, RenameHint.parts(hint.from()))
                .isPresent()) {
            return refuse(
                    problems,
                    hint,
                    "the edited schema still has a column " + old.get().name() + " in "
                            + table.get().name());
        }
        return Optional.of(new Renamed(
                Kind.COLUMN, table.get().name(), old.get().name(), renamed.get().name()));
    }

    private static Optional<Renamed> index(
            RenameHint hint, DeclaredSchema from, DeclaredSchema to, List<String> problems) {
        String schema = qualify(hint.table(), "public").getFirst();
        List<String> newName = qualify(hint.to(), schema);
        List<String> oldName = qualify(hint.from(), schema);
        Optional<Index> renamed = find(to.indexes(), Index::name, newName);
        Optional<Index> old = find(from.indexes(), Index::name, oldName);
        if (renamed.isEmpty() || old.isEmpty()) {
            return refuse(problems, hint, "the migrations have no index " + hint.from() + " to rename");
        }
        if (find(from.indexes(), Index::name, newName).isPresent()) {
            return refuse(
                    problems,
                    hint,
                    "the migrations already have an index " + renamed.get().name());
        }
        return Optional.of(
                new Renamed(Kind.INDEX, "", old.get().name(), renamed.get().name()));
    }

    private static Optional<Renamed> constraint(
            RenameHint hint, DeclaredSchema from, DeclaredSchema to, List<Renamed> renames, List<String> problems) {
        Optional<Table> table = find(to.tables(), Table::name, qualify(hint.table(), "public"));
        if (table.isEmpty()) {
            return refuse(problems, hint, "the edited schema has no table " + hint.table());
        }
        List<String> oldTable = oldTable(table.get(), renames);
        Optional<Constraint> renamed = to.constraints().stream()
                .filter(constraint -> constraint.table().equals(table.get().name()))
                .filter(constraint -> RenameHint.parts(constraint.name()).equals(RenameHint.parts(hint.to())))
                .findFirst();
        Optional<Constraint> old = constraintOf(from, oldTable, hint.from());
        if (renamed.isEmpty() || old.isEmpty()) {
            return refuse(
                    problems,
                    hint,
                    "the migrations have no constraint " + hint.from() + " on " + hint.table() + " to rename");
        }
        if (constraintOf(from, oldTable, hint.to()).isPresent()) {
            return refuse(
                    problems,
                    hint,
                    "the migrations already have a constraint " + renamed.get().name());
        }
        return Optional.of(new Renamed(
                Kind.CONSTRAINT,
                table.get().name(),
                old.get().name(),
                renamed.get().name()));
    }

    private static Optional<Constraint> constraintOf(DeclaredSchema schema, List<String> table, String name) {
        return schema.constraints().stream()
                .filter(constraint -> RenameHint.parts(constraint.table()).equals(table))
                .filter(constraint -> RenameHint.parts(constraint.name()).equals(RenameHint.parts(name)))
                .findFirst();
    }

    /** The name {@code table} has in the migrations: the one it is renamed from, if it is. */
    private static List<String> oldTable(Table table, List<Renamed> renames) {
        return renames.stream()
                .filter(renamed -> renamed.kind() == Kind.TABLE && renamed.to().equals(table.name()))
                .map(renamed -> RenameHint.parts(renamed.from()))
                .findFirst()
                .orElse(RenameHint.parts(table.name()));
    }

    private static List<String> qualify(String name, String schema) {
        List<String> parts = RenameHint.parts(name);
        return parts.size() == 1 ? List.of(schema, parts.getFirst()) : parts;
    }

    private static <T> Optional<T> find(
            List<T> objects, java.util.function.Function<T, String> name, List<String> parts) {
        return objects.stream()
                .filter(object -> RenameHint.parts(name.apply(object)).equals(parts))
                .findFirst();
    }

    private static <T> Optional<T> refuse(List<String> problems, RenameHint hint, String why) {
        problems.add("db/schema.sql line " + hint.line() + ": -- keel:renamed-from " + hint.from() + ": " + why);
        return Optional.empty();
    }

    /** The name without its schema: what RENAME TO takes. */
    static String unqualified(String qualified) {
        int i = 0;
        if (qualified.startsWith("\"")) {
            i = 1;
            while (i < qualified.length()) {
                if (qualified.charAt(i) == '"' && i + 1 < qualified.length() && qualified.charAt(i + 1) == '"') {
                    i += 2;
                } else if (qualified.charAt(i) == '"') {
                    i++;
                    break;
                } else {
                    i++;
                }
            }
        } else {
            i = qualified.indexOf('.');
        }
        return i >= 0 && i < qualified.length() && qualified.charAt(i) == '.' ? qualified.substring(i + 1) : qualified;
    }
}
