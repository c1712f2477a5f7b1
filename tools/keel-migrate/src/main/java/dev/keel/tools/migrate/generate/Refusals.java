package dev.keel.tools.migrate.generate;

import dev.keel.tools.migrate.generate.SchemaChange.ColumnAdded;
import dev.keel.tools.migrate.generate.SchemaChange.ColumnDropped;
import dev.keel.tools.migrate.generate.SchemaChange.ColumnTypeChanged;
import dev.keel.tools.migrate.generate.SchemaChange.CommentChanged;
import dev.keel.tools.migrate.generate.SchemaChange.ConstraintAdded;
import dev.keel.tools.migrate.generate.SchemaChange.ConstraintDropped;
import dev.keel.tools.migrate.generate.SchemaChange.EnumTypeDropped;
import dev.keel.tools.migrate.generate.SchemaChange.EnumValueRemoved;
import dev.keel.tools.migrate.generate.SchemaChange.IndexAdded;
import dev.keel.tools.migrate.generate.SchemaChange.IndexDropped;
import dev.keel.tools.migrate.generate.SchemaChange.NotGeneratedYet;
import dev.keel.tools.migrate.generate.SchemaChange.ObjectDropped;
import dev.keel.tools.migrate.generate.SchemaChange.TableDropped;
import dev.keel.tools.migrate.generate.SchemaChange.ViewDropped;
import dev.keel.tools.migrate.schema.DeclaredSchema.Column;
import dev.keel.tools.migrate.schema.DeclaredSchema.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Why a diff cannot become a migration as it is: unsupported kinds, and what needs an {@code ALLOW=} word. */
final class Refusals {

    private Refusals() {}

    static List<String> of(List<SchemaChange> changes, Set<Allowance> allow) {
        List<String> reasons = new ArrayList<>();
        Set<String> builtSeparately = changes.stream()
                .map(change -> switch (change) {
                    case IndexAdded added -> "INDEX " + added.index().name();
                    case IndexDropped dropped -> "INDEX " + dropped.index().name();
                    case ConstraintAdded added
                    when Statements.isUnique(added.constraint()) ->
                        "CONSTRAINT " + added.constraint().name() + " ON "
                                + added.constraint().table();
                    default -> "";
                })
                .collect(Collectors.toSet());
        for (SchemaChange change : changes) {
            switch (change) {
                case NotGeneratedYet unsupported -> reasons.add(unsupported.toString());
                case EnumValueRemoved removed ->
                    reasons.add("not generated yet: enum value removal " + removed.type() + " '" + removed.label()
                            + "' (PostgreSQL cannot drop a value from an enum; write that migration by hand)");
                case TableDropped dropped
                when !allow.contains(Allowance.DROP) ->
                    reasons.add(drop("table " + dropped.table().name()));
                case ColumnDropped dropped
                when !allow.contains(Allowance.DROP) ->
                    reasons.add(drop(
                            "column " + dropped.table() + "." + dropped.column().name()));
                case ConstraintDropped dropped
                when !allow.contains(Allowance.DROP) ->
                    reasons.add(drop("constraint " + dropped.constraint().name() + " on "
                            + dropped.constraint().table() + " (a changed constraint is dropped and added again)"));
                case ViewDropped dropped
                when !allow.contains(Allowance.DROP)
                        && changes.stream().noneMatch(other -> other.key().equals(dropped.inverseKey())) ->
                    reasons.add(drop("view " + dropped.view().name()).replace("its data is gone", "reads of it fail"));
                case ObjectDropped dropped
                when dropped.kind().dropNeedsAllowance && !allow.contains(Allowance.DROP) ->
                    reasons.add(drop(dropped.kind() + " " + dropped.name()));
                case EnumTypeDropped dropped
                when !allow.contains(Allowance.DROP) ->
                    reasons.add(drop("type " + dropped.type().name()));
                case ColumnTypeChanged changed
                when Statements.rewrites(changed) && !allow.contains(Allowance.REWRITE) ->
                    reasons.add("type change of " + changed.table() + "."
                            + changed.to().name() + " from "
                            + changed.from().type() + " to " + changed.to().type()
                            + " rewrites the table under an ACCESS EXCLUSIVE lock: ALLOW=rewrite generates it;"
                            + " on a large table add a new column, backfill it and switch over instead");
                case ColumnAdded added -> columnAdded(added, allow, reasons);
                case ConstraintAdded added
                when added.constraint().kind() == 'p' || added.constraint().kind() == 'x' ->
                    reasons.add("not generated yet: " + (added.constraint().kind() == 'p' ? "primary key" : "exclusion")
                            + " constraint " + added.constraint().name() + " on an existing table "
                            + added.constraint().table());
                case CommentChanged comment
                when builtSeparately.contains(comment.target()) ->
                    reasons.add("not generated yet: comment on " + comment.target()
                            + ", which is built or dropped in a file of its own; comment on it in a later migration");
                default -> {}
            }
        }
        return reasons;
    }

    private static String drop(String object) {
        return "drop of " + object + ": the running release may still use it and its data is gone;"
                + " ALLOW=drop generates it once no released code uses it";
    }

    private static void columnAdded(ColumnAdded added, Set<Allowance> allow, List<String> reasons) {
        Column column = added.column();
        String name = added.table() + "." + column.name();
        if (column.identity() != Identity.NONE || column.generatedExpression() != null) {
            if (!allow.contains(Allowance.REWRITE)) {
                reasons.add("new identity or generated column " + name
                        + " fills every existing row under an ACCESS EXCLUSIVE lock: ALLOW=rewrite generates it");
            }
        } else if (column.defaultExpression() != null && Statements.isVolatile(column.defaultExpression())) {
            if (!allow.contains(Allowance.REWRITE)) {
                reasons.add("new column " + name + " with the volatile default " + column.defaultExpression()
                        + " rewrites the table to compute it for every row: ALLOW=rewrite generates it;"
                        + " or add it with no default, SET DEFAULT in the same migration, and backfill the old rows");
            }
        } else if (column.notNull() && column.defaultExpression() == null) {
            reasons.add("new NOT NULL column " + name + " without a default on an existing table: the old rows have"
                    + " no value for it, and the running release does not write it, so its inserts would fail."
                    + " No ALLOW= word permits it; expand and contract instead:\n"
                    + "      1. declare it without NOT NULL in schema.sql and generate that migration;\n"
                    + "      2. release code that writes it, and backfill the old rows in batches;\n"
                    + "      3. declare it NOT NULL and generate again: it is set through a validated CHECK,"
                    + " without a long lock.\n"
                    + "      Or give it a constant DEFAULT when one value is right for every old row.");
        }
    }
}
