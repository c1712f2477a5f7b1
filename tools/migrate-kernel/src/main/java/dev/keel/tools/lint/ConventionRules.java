package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.Operation.ColumnDefinition;
import dev.keel.tools.sql.TypeName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keel's model checklist for every new table: uuid id, timestamps, who created and last changed
 * it, archived_at, and both triggers in the same file. created_by and updated_by came last, so
 * when they are all a table lacks, a later migration that adds them settles the finding.
 */
final class ConventionRules implements StatementRule {

    /** Who created a row and who changed it last: the token's subject, set by the application. */
    private static final List<String> ACTOR_COLUMNS = List.of("created_by", "updated_by");

    @Override
    public void check(StatementContext context) {}

    @Override
    public void finish(FileScope file, SchemaModel schema, Reporter reporter) {
        Map<String, Set<String>> triggers = new HashMap<>();
        for (FileScope.Parsed parsed : file.statements) {
            if (parsed.operation() instanceof Operation.CreateTrigger trigger
                    && trigger.table() != null
                    && trigger.function() != null) {
                triggers.computeIfAbsent(trigger.table().key(), table -> new HashSet<>())
                        .add(trigger.function().name());
            }
        }
        for (int i = 0; i < file.statements.size(); i++) {
            if (file.statements.get(i).operation() instanceof Operation.CreateTable create
                    && create.table() != null
                    && !create.temporary()
                    && !create.partitionOf()
                    && !create.asQuery()) {
                List<String> missing =
                        missing(create, triggers.getOrDefault(create.table().key(), Set.of()));
                SchemaModel.Table table = schema.table(create.table());
                List<String> actors = create.likes().isEmpty() && table != null ? actorsMissing(table) : List.of();
                List<String> all = new ArrayList<>(missing);
                all.addAll(actors);
                if (!all.isEmpty()) {
                    Finding finding = reporter.report(
                            i,
                            Rule.MODEL_CHECKLIST,
                            create.table().at(),
                            "table " + create.table() + " misses the model checklist's " + String.join(", ", all));
                    if (missing.isEmpty()) {
                        schema.unlessSettledLater(
                                finding, table, later -> actorsMissing(later).isEmpty());
                    }
                }
            }
        }
    }

    private static List<String> missing(Operation.CreateTable create, Set<String> triggerFunctions) {
        List<String> missing = new ArrayList<>();
        if (!create.likes().isEmpty()) {
            return triggersMissing(triggerFunctions, missing); // LIKE copies the columns; the triggers it does not
        }
        Set<String> primaryKey = new HashSet<>();
        create.constraints().stream()
                .filter(constraint -> constraint.kind() == Operation.ConstraintKind.PRIMARY_KEY)
                .forEach(constraint -> primaryKey.addAll(constraint.columns()));
        Optional<ColumnDefinition> id = column(create, "id");
        if (id.isEmpty()
                || !id.get().type().isOneOf("uuid")
                || !(id.get().primaryKey() || primaryKey.equals(Set.of("id")))) {
            missing.add("id uuid PRIMARY KEY");
        }
        for (String timestamp : List.of("created_at", "updated_at")) {
            Optional<ColumnDefinition> column = column(create, timestamp);
            if (column.isEmpty()
                    || !column.get().type().isOneOf("timestamptz")
                    || !column.get().notNull()) {
                missing.add(timestamp + " timestamptz NOT NULL");
            }
        }
        Optional<ColumnDefinition> archived = column(create, "archived_at");
        if (archived.isEmpty()
                || !archived.get().type().isOneOf("timestamptz")
                || archived.get().notNull()) {
            missing.add("archived_at timestamptz (nullable)");
        }
        return triggersMissing(triggerFunctions, missing);
    }

    /** As the table stands, so a column this file adds after the CREATE TABLE counts. */
    private static List<String> actorsMissing(SchemaModel.Table table) {
        List<String> missing = new ArrayList<>();
        for (String name : ACTOR_COLUMNS) {
            TypeName type = table.columns.get(name);
            if (type == null || !type.isOneOf("text") || !table.notNull.contains(name)) {
                missing.add(name + " text NOT NULL");
            }
        }
        return missing;
    }

    private static List<String> triggersMissing(Set<String> triggerFunctions, List<String> missing) {
        if (!triggerFunctions.contains("keel_touch_updated_at")) {
            missing.add("a keel_touch_updated_at trigger");
        }
        if (!triggerFunctions.contains("keel_forbid_delete")) {
            missing.add("a keel_forbid_delete trigger");
        }
        return missing;
    }

    private static Optional<ColumnDefinition> column(Operation.CreateTable create, String name) {
        return create.columns().stream()
                .filter(column -> column.columnName().equals(name))
                .findFirst();
    }
}
