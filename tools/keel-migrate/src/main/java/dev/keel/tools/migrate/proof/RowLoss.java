package dev.keel.tools.migrate.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tables lost rows, or kept their count but not their values, in the round trip, where the
 * undo promises to keep them. A table is held to the fewest rows it had at the two points before a
 * step, so rows the migration itself moved or deleted, and rows an undo takes back because the
 * migration inserted them, are not lost; a table the undo drops has no rows to keep. Values are
 * compared over the columns both points have (a column the undo drops has none to keep), leaving
 * out the columns the migration's own up changed (a backfill, updated_at set by its trigger),
 * which an undo cannot be expected to restore, and only where the counts match.
 */
final class RowLoss {

    private RowLoss() {}

    /**
     * After the undo: every table that existed before the migration or after it, and exists after
     * the undo (an undo that recreates a table the migration renamed must bring its rows back).
     */
    static List<Problem> afterUndo(RowCounts beforeUp, RowCounts applied, RowCounts undone) {
        List<Problem> problems = new ArrayList<>();
        undone.byTable().forEach((table, rows) -> {
            if (beforeUp.has(table) || applied.has(table)) {
                check(problems, table, fewest(beforeUp, applied, table), rows, "after the undo");
            }
        });
        undone.byTable().keySet().stream().filter(beforeUp::has).sorted().forEach(table -> {
            Set<String> columns = common(beforeUp, undone, table);
            columns.removeAll(changedByUp(beforeUp, applied, table));
            compare(problems, table, beforeUp, undone, columns, "after the undo");
        });
        return problems;
    }

    /** After applying again: every table the undo kept, which the second up must not empty nor change. */
    static List<Problem> afterReapply(RowCounts beforeUp, RowCounts applied, RowCounts undone, RowCounts reapplied) {
        List<Problem> problems = new ArrayList<>();
        reapplied.byTable().forEach((table, rows) -> {
            if (undone.has(table)) {
                check(problems, table, fewest(undone, applied, table), rows, "after applying it again");
            }
        });
        reapplied.byTable().keySet().stream()
                .filter(table -> undone.has(table) && applied.has(table))
                .sorted()
                .forEach(table -> {
                    Set<String> columns = common(applied, reapplied, table);
                    columns.retainAll(undone.columns(table));
                    columns.removeAll(changedByUp(beforeUp, applied, table));
                    compare(problems, table, applied, reapplied, columns, "after applying it again");
                });
        return problems;
    }

    private static Set<String> common(RowCounts first, RowCounts second, String table) {
        Set<String> columns = new TreeSet<>(first.columns(table));
        columns.retainAll(second.columns(table));
        return columns;
    }

    /** The columns, there before and after the first up, whose values the up changed. */
    private static Set<String> changedByUp(RowCounts beforeUp, RowCounts applied, String table) {
        Set<String> changed = new TreeSet<>();
        for (String column : common(beforeUp, applied, table)) {
            if (!beforeUp.contents()
                    .get(table)
                    .rowsOver(List.of(column))
                    .equals(applied.contents().get(table).rowsOver(List.of(column)))) {
                changed.add(column);
            }
        }
        return changed;
    }

    private static void compare(
            List<Problem> problems, String table, RowCounts before, RowCounts after, Set<String> columns, String when) {
        if (columns.isEmpty() || before.rows(table) != after.rows(table)) {
            return;
        }
        List<String> over = List.copyOf(columns);
        Map<String, Integer> was = before.contents().get(table).rowsOver(over);
        Map<String, Integer> is = after.contents().get(table).rowsOver(over);
        long changed = was.entrySet().stream()
                .mapToLong(row -> Math.max(0, row.getValue() - is.getOrDefault(row.getKey(), 0)))
                .sum();
        if (changed > 0) {
            problems.add(new Problem.RowsChanged(table, before.rows(table), changed, when, over));
        }
    }

    private static long fewest(RowCounts first, RowCounts second, String table) {
        if (!first.has(table)) {
            return second.rows(table);
        }
        return second.has(table) ? Math.min(first.rows(table), second.rows(table)) : first.rows(table);
    }

    private static void check(List<Problem> lost, String table, long kept, long rows, String when) {
        if (rows < kept) {
            lost.add(new Problem.RowsLost(table, kept, rows, when));
        }
    }
}
