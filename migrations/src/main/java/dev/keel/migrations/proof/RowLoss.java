package dev.keel.migrations.proof;

import java.util.ArrayList;
import java.util.List;

/**
 * Which tables lost rows in the round trip, where the undo promises to keep them. A table is
 * held to the fewest rows it had at the two points before a step, so rows the migration itself
 * moved or deleted, and rows an undo takes back because the migration inserted them, are not lost;
 * a table the undo drops has no rows to keep.
 */
final class RowLoss {

    private RowLoss() {
    }

    /**
     * After the undo: every table that existed before the migration or after it, and exists after
     * the undo (an undo that recreates a table the migration renamed must bring its rows back).
     */
    static List<Problem.RowsLost> afterUndo(RowCounts beforeUp, RowCounts applied, RowCounts undone) {
        List<Problem.RowsLost> lost = new ArrayList<>();
        undone.byTable().forEach((table, rows) -> {
            if (beforeUp.has(table) || applied.has(table)) {
                check(lost, table, fewest(beforeUp, applied, table), rows, "after the undo");
            }
        });
        return lost;
    }

    /** After applying again: every table the undo kept, which the second up must not empty. */
    static List<Problem.RowsLost> afterReapply(RowCounts applied, RowCounts undone, RowCounts reapplied) {
        List<Problem.RowsLost> lost = new ArrayList<>();
        reapplied.byTable().forEach((table, rows) -> {
            if (undone.has(table)) {
                check(lost, table, fewest(undone, applied, table), rows, "after applying it again");
            }
        });
        return lost;
    }

    private static long fewest(RowCounts first, RowCounts second, String table) {
        if (!first.has(table)) {
            return second.rows(table);
        }
        return second.has(table) ? Math.min(first.rows(table), second.rows(table)) : first.rows(table);
    }

    private static void check(List<Problem.RowsLost> lost, String table, long kept, long rows, String when) {
        if (rows < kept) {
            lost.add(new Problem.RowsLost(table, kept, rows, when));
        }
    }
}
