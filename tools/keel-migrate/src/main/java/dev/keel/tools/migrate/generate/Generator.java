package dev.keel.tools.migrate.generate;

import dev.keel.tools.migrate.generate.MigrationPlan.Step;
import dev.keel.tools.migrate.generate.SchemaChange.ConstraintAdded;
import dev.keel.tools.migrate.generate.SchemaChange.ConstraintDropped;
import dev.keel.tools.migrate.generate.SchemaChange.EnumValueAdded;
import dev.keel.tools.migrate.generate.SchemaChange.IndexAdded;
import dev.keel.tools.migrate.generate.SchemaChange.IndexDropped;
import dev.keel.tools.migrate.generate.SchemaChange.NotGeneratedYet;
import dev.keel.tools.migrate.generate.SchemaChange.NotNullSet;
import dev.keel.tools.migrate.generate.SchemaChange.Renamed;
import dev.keel.tools.migrate.schema.DeclaredSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Writes the migration that takes one schema to another the way a careful person would for live tables:
 * indexes built and dropped concurrently in their own non-transactional files, constraints added
 * {@code NOT VALID} and validated in a later file, NOT NULL set through a validated CHECK, timeouts set
 * in every transactional file. What would break the running release or lock a table for long is refused
 * unless allowed. The undo of each file comes from the same diff run the other way.
 */
public final class Generator {

    private Generator() {}

    /** The plan from {@code from} (what the migrations make) to {@code to} (the edited schema.sql). */
    public static MigrationPlan plan(DeclaredSchema from, DeclaredSchema to, Set<Allowance> allow) {
        return plan(List.of(), from, to, allow);
    }

    /**
     * The plan that renames, then takes {@code renamed} to {@code to}: {@code renamed} is the migrations' schema
     * read after {@link Renames#sql} ran on it, so the diff sees only what the renames did not do.
     */
    public static MigrationPlan plan(
            List<Renamed> renames, DeclaredSchema renamed, DeclaredSchema to, Set<Allowance> allow) {
        List<SchemaChange> forward = new ArrayList<>(renames);
        forward.addAll(SchemaDiff.between(renamed, to));
        List<String> refusals = Refusals.of(forward, allow);
        if (!refusals.isEmpty()) {
            throw new GenerationRefused(refusals);
        }
        List<PlannedStep> steps = steps(forward, !renames.isEmpty());
        List<SchemaChange> backward = new ArrayList<>(SchemaDiff.between(to, renamed));
        renames.forEach(rename -> backward.add(rename.inverse()));
        List<List<SchemaChange>> undone = new ArrayList<>();
        steps.forEach(step -> undone.add(new ArrayList<>()));
        for (SchemaChange change : backward) {
            if (change instanceof NotGeneratedYet unsupported
                    && unsupported.kind().equals(SchemaDiff.COLUMN_POSITION)) {
                continue; // an undo re-adds a dropped column at the end: same data, another position
            }
            if (change instanceof NotGeneratedYet) {
                throw new IllegalStateException("The undo diff holds what the diff did not: " + change);
            }
            if (undoesStaged(forward, change)) {
                continue; // each of its files undoes its own stage
            }
            undone.get(stepUndoing(steps, change)).add(change);
        }
        List<Step> files = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PlannedStep step = steps.get(i);
            files.add(new Step(
                    step.suffix(),
                    Statements.migration(step.phase(), step.changes()),
                    Statements.undo(step.phase(), step.changes(), undone.get(i))));
        }
        return new MigrationPlan(forward, files);
    }

    /**
     * Whether a change is made over several files: NOT NULL through a CHECK validated later, a CHECK or foreign key
     * added NOT VALID and validated later, UNIQUE from an index built concurrently.
     */
    static boolean isStaged(SchemaChange change) {
        return change instanceof NotNullSet
                || change instanceof ConstraintAdded added && Statements.needsLaterStep(added.constraint());
    }

    private static boolean undoesStaged(List<SchemaChange> forward, SchemaChange backward) {
        return forward.stream()
                .anyMatch(change -> isStaged(change) && change.key().equals(backward.inverseKey()));
    }

    /** Where a change's statements go: several steps for the changes made in more than one. */
    enum Phase {
        ENUM_VALUE, // ADD VALUE first, committed before anything uses the new value
        DROP_INDEX, // DROP INDEX CONCURRENTLY, alone
        MAIN, // one transaction with the timeouts
        CREATE_INDEX, // CREATE INDEX CONCURRENTLY, alone
        VALIDATE, // VALIDATE CONSTRAINT and UNIQUE USING INDEX, after the rows are checked by nothing under a lock
        SET_NOT_NULL // instant once the validated CHECK proves it
    }

    record PlannedStep(Phase phase, String suffix, List<SchemaChange> changes) {}

    /**
     * The steps in the order Flyway runs them. With renames, indexes are dropped after the main file, which renames:
     * the diff names them as they are once renamed.
     */
    private static List<PlannedStep> steps(List<SchemaChange> changes, boolean renames) {
        List<PlannedStep> steps = new ArrayList<>();
        int enumValues = 0;
        for (SchemaChange change : changes) {
            if (change instanceof EnumValueAdded) {
                steps.add(new PlannedStep(
                        Phase.ENUM_VALUE, "_enum_value" + (++enumValues == 1 ? "" : enumValues), List.of(change)));
            }
        }
        List<PlannedStep> indexDrops = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (change instanceof IndexDropped dropped) {
                indexDrops.add(new PlannedStep(
                        Phase.DROP_INDEX, "_drop_" + fileWord(dropped.index().name()), List.of(change)));
            }
        }
        if (!renames) {
            steps.addAll(indexDrops);
        }
        List<SchemaChange> main = changes.stream().filter(Generator::inMain).toList();
        if (!main.isEmpty()) {
            steps.add(new PlannedStep(Phase.MAIN, "", main));
        }
        if (renames) {
            steps.addAll(indexDrops);
        }
        for (SchemaChange change : changes) {
            if (change instanceof IndexAdded added) {
                steps.add(new PlannedStep(
                        Phase.CREATE_INDEX, "_create_" + fileWord(added.index().name()), List.of(change)));
            } else if (change instanceof ConstraintAdded added && Statements.isUnique(added.constraint())) {
                steps.add(new PlannedStep(
                        Phase.CREATE_INDEX,
                        "_create_" + fileWord(added.constraint().name()),
                        List.of(change)));
            }
        }
        List<SchemaChange> validate = changes.stream()
                .filter(change -> change instanceof NotNullSet
                        || change instanceof ConstraintAdded added && Statements.needsLaterStep(added.constraint()))
                .toList();
        if (!validate.isEmpty()) {
            steps.add(new PlannedStep(Phase.VALIDATE, "_validate", validate));
        }
        List<SchemaChange> notNull =
                changes.stream().filter(change -> change instanceof NotNullSet).toList();
        if (!notNull.isEmpty()) {
            steps.add(new PlannedStep(Phase.SET_NOT_NULL, "_set_not_null", notNull));
        }
        return steps;
    }

    private static boolean inMain(SchemaChange change) {
        return switch (change) {
            case EnumValueAdded added -> false;
            case IndexAdded added -> false;
            case IndexDropped dropped -> false;
            case ConstraintAdded added -> !Statements.isUnique(added.constraint());
            default -> true;
        };
    }

    /** The step whose undo holds {@code backward}: the first that made the change it undoes. */
    private static int stepUndoing(List<PlannedStep> steps, SchemaChange backward) {
        // A foreign key of a new table came with the table: the step that made the table drops it.
        String made = backward instanceof ConstraintDropped dropped
                ? "+table " + dropped.constraint().table()
                : backward.inverseKey();
        for (int i = 0; i < steps.size(); i++) {
            for (SchemaChange change : steps.get(i).changes()) {
                if (change.key().equals(backward.inverseKey()) || change.key().equals(made)) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("No step made what " + backward + " undoes");
    }

    /** An object's name as part of a file name: lower case letters, digits and _. */
    static String fileWord(String name) {
        String bare = name.substring(name.lastIndexOf('.') + 1);
        return bare.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
