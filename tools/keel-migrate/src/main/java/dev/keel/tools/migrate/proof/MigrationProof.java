package dev.keel.tools.migrate.proof;

import dev.keel.tools.migrate.data.RowGenerator;
import dev.keel.tools.migrate.flyway.CatalogSnapshot;
import dev.keel.tools.migrate.trace.MigrationTrace;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import dev.keel.tools.migration.UndoScript;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migration test: on an empty scratch database, applies the migrations one at a time, each
 * onto tables holding generated rows, so one that only fails when rows exist fails here; then
 * takes each through up, down, up again, which must give back the same catalog and keep the rows,
 * and their values, of every table the undo keeps. A table the generator cannot fill is a warning
 * on the migration's line, since the migration then passed on it empty, as is an undo marked
 * {@code -- keel:irreversible <reason>}, which is not tried. Stops at a migration that cannot be applied.
 */
public final class MigrationProof {

    private final MigrationTrace.Connector connector;
    private final Migrator migrator;
    private final RowGenerator generator;

    public MigrationProof(MigrationTrace.Connector connector, Migrator migrator, RowGenerator generator) {
        this.connector = connector;
        this.migrator = migrator;
        this.generator = generator;
    }

    /** Tries {@code migrations}, oldest first, on the empty database; {@code where} names it in the report. */
    public ProofReport run(List<MigrationFiles.Migration> migrations, String where) {
        List<MigrationResult> results = new ArrayList<>();
        try (Connection session = connector.open()) {
            session.setAutoCommit(true);
            for (MigrationFiles.Migration migration : migrations) {
                MigrationResult result = prove(session, migration);
                results.add(result);
                if (result.problems().stream().anyMatch(MigrationProof::stops)) {
                    break;
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("The migration test failed on the scratch database: " + e.getMessage(), e);
        }
        return new ProofReport(where, generator.rowsPerTable(), migrations.size(), results);
    }

    /** A migration that did not end up applied leaves nothing for the later ones to run on. */
    private static boolean stops(Problem problem) {
        return problem instanceof Problem.FailsOnData || problem instanceof Problem.ReapplyFails;
    }

    private MigrationResult prove(Connection session, MigrationFiles.Migration migration) throws SQLException {
        List<String> notes = new ArrayList<>();
        Map<String, String> unfilled = new LinkedHashMap<>();
        record(generator.fillEmptyTables(session), notes, unfilled);
        CatalogSnapshot before = CatalogSnapshot.of(session);
        RowCounts rowsBefore = RowCounts.of(session);
        try {
            migrator.up(migration.version());
        } catch (RuntimeException e) {
            FailedStatement failed = FailedStatement.of(migration.file(), e);
            long rows = failed.table() == null ? 0 : rowsBefore.rows(failed.table());
            return new MigrationResult(
                    migration,
                    rowsBefore.total(),
                    List.of(new Problem.FailsOnData(failed, rows)),
                    notes,
                    warnings(unfilled));
        }
        // The tables it created get rows too, so its undo and second run face data as well.
        record(generator.fillEmptyTables(session), notes, unfilled);
        List<String> warnings = warnings(unfilled);
        Optional<String> irreversible = irreversible(migration);
        irreversible.ifPresent(reason -> warnings.add("irreversible (" + reason + "), so not undone and redone"));
        List<Problem> problems = migration.undo().isEmpty()
                ? List.of(new Problem.NoUndo("undo/U" + migration.version() + "__" + migration.name() + ".sql"))
                : irreversible.isPresent() ? List.of() : roundTrip(session, migration, before, rowsBefore);
        return new MigrationResult(migration, rowsBefore.total(), problems, notes, warnings);
    }

    /** The reason its undo gives for being irreversible; without one, down's refusal fails the round trip. */
    private static Optional<String> irreversible(MigrationFiles.Migration migration) {
        return migration
                .undo()
                .map(UndoScript::read)
                .flatMap(UndoScript::irreversibleReason)
                .filter(reason -> !reason.isEmpty());
    }

    /**
     * A table the generator could not put one row in is a warning on the status line: the
     * migration passed on it empty, not on data. Tables that lost some rows only are notes.
     */
    private static void record(RowGenerator.FillReport fill, List<String> notes, Map<String, String> unfilled) {
        for (RowGenerator.TableFill table : fill.tables()) {
            if (table.inserted() == 0 && table.failed() > 0) {
                unfilled.putIfAbsent(
                        table.table(),
                        table.firstError() == null
                                ? ""
                                : table.firstError()
                                        .lines()
                                        .map(String::strip)
                                        .filter(line -> !line.isEmpty())
                                        .findFirst()
                                        .orElse(""));
            }
        }
        fill.tables().stream()
                .filter(table -> table.inserted() > 0)
                .map(table -> new RowGenerator.FillReport(List.of(table)))
                .flatMap(one -> one.problems().stream())
                .forEach(notes::add);
    }

    private static List<String> warnings(Map<String, String> unfilled) {
        List<String> warnings = new ArrayList<>();
        unfilled.forEach((table, error) -> warnings.add(
                table + ": 0 rows, the generator could not fill it" + (error.isEmpty() ? "" : ": " + error)));
        return warnings;
    }

    /** Down, then up again, each compared with the state it should give back. */
    private List<Problem> roundTrip(
            Connection session, MigrationFiles.Migration migration, CatalogSnapshot beforeUp, RowCounts rowsBeforeUp)
            throws SQLException {
        CatalogSnapshot applied = CatalogSnapshot.of(session);
        RowCounts rowsApplied = RowCounts.of(session);
        try {
            migrator.undoLast();
        } catch (RuntimeException e) {
            return List.of(new Problem.UndoFails(e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        CatalogSnapshot undone = CatalogSnapshot.of(session);
        RowCounts rowsUndone = RowCounts.of(session);
        List<String> undoDifferences = undone.differencesFrom(beforeUp);
        if (!undoDifferences.isEmpty()) {
            problems.add(new Problem.UndoDiffers(undoDifferences));
        }
        problems.addAll(RowLoss.afterUndo(rowsBeforeUp, rowsApplied, rowsUndone));
        try {
            migrator.up(migration.version());
        } catch (RuntimeException e) {
            problems.add(new Problem.ReapplyFails(FailedStatement.of(migration.file(), e)));
            return problems;
        }
        List<String> reapplyDifferences = CatalogSnapshot.of(session).differencesFrom(applied);
        if (!reapplyDifferences.isEmpty()) {
            problems.add(new Problem.ReapplyDiffers(reapplyDifferences));
        }
        problems.addAll(RowLoss.afterReapply(rowsBeforeUp, rowsApplied, rowsUndone, RowCounts.of(session)));
        return problems;
    }
}
