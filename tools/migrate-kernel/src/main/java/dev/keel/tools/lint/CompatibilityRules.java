package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.QualifiedName;

/**
 * Changes the release still running during a rolling deploy cannot survive (renames, drops), and
 * data the migrations must not destroy (hard deletes of domain rows, cascading truncates).
 */
final class CompatibilityRules implements StatementRule {

    private static final String FORBID_DELETE = "keel_forbid_delete";

    @Override
    public void check(StatementContext context) {
        switch (context.operation) {
            case Operation.AlterTable alter
            when context.isLive(alter.table()) ->
                alter.actions().forEach(action -> {
                    switch (action) {
                        case Operation.RenameColumn rename ->
                            context.report(
                                    Rule.RENAME_COLUMN,
                                    rename.at(),
                                    "RENAME COLUMN " + alter.table() + "." + rename.from() + " TO " + rename.to()
                                            + " breaks the running release, which still uses " + rename.from());
                        case Operation.RenameTable rename ->
                            context.report(
                                    Rule.RENAME_TABLE,
                                    rename.at(),
                                    "RENAME " + alter.table() + " TO " + rename.to() + " breaks the running release");
                        case Operation.DropColumn drop ->
                            context.report(
                                    Rule.DROP_COLUMN,
                                    drop.at(),
                                    "DROP COLUMN " + alter.table() + "." + drop.column()
                                            + " breaks a release that still uses it");
                        case Operation.DropNotNull drop ->
                            context.report(
                                    Rule.DROP_NOT_NULL,
                                    drop.at(),
                                    "DROP NOT NULL on " + alter.table() + "." + drop.column()
                                            + " lets NULL reach code that " + "assumes it never is");
                        default -> {}
                    }
                });
            case Operation.Drop drop
            when drop.objectKind().equals("TABLE") ->
                drop.names().stream()
                        .filter(context::isLive)
                        .forEach(table -> context.report(
                                Rule.DROP_TABLE,
                                table.at(),
                                "DROP TABLE " + table + " removes a table that holds data"));
            case Operation.Drop drop
            when drop.objectKind().equals("SCHEMA") ->
                drop.names()
                        .forEach(schema -> context.report(
                                Rule.DROP_SCHEMA,
                                schema.at(),
                                "DROP SCHEMA " + schema + (drop.cascade() ? " CASCADE" : "")
                                        + " removes everything in it"));
            case Operation.Truncate truncate -> {
                if (truncate.cascade()) {
                    context.report(
                            Rule.TRUNCATE_CASCADE,
                            null,
                            "TRUNCATE ... CASCADE also empties every table " + "that references " + truncate.tables());
                }
                truncate.tables().stream()
                        .filter(table -> isDomainTable(context, table))
                        .forEach(table -> context.report(
                                Rule.HARD_DELETE, table.at(), "TRUNCATE " + table + " deletes domain rows"));
            }
            case Operation.Delete delete
            when isDomainTable(context, delete.table()) ->
                context.report(
                        Rule.HARD_DELETE,
                        delete.table() == null ? null : delete.table().at(),
                        "DELETE FROM " + delete.table() + " hard-deletes domain rows");
            case Operation.AddEnumValue add
            when !add.positioned() ->
                context.report(
                        Rule.ENUM_VALUE_POSITION,
                        add.at(),
                        "ADD VALUE '" + add.value() + "' to " + add.type()
                                + " without BEFORE or AFTER appends it, and it sorts last");
            default -> {}
        }
    }

    /** A table whose rows are archived, never deleted: it has the keel_forbid_delete trigger, or the migrations do not know it. */
    private static boolean isDomainTable(StatementContext context, QualifiedName name) {
        SchemaModel.Table table = context.table(name);
        return table == null || table.triggerFunctions.contains(FORBID_DELETE);
    }
}
