package dev.keel.tools.migrate.proof;

import java.util.ArrayList;
import java.util.List;

/** One thing wrong with a migration on data or in its round trip, printed as lines a newcomer can act on. */
public sealed interface Problem {

    /** A few words for the migration's status line. */
    String summary();

    /** The details, one line each, without indentation. */
    List<String> details();

    /** The migration failed on the tables holding generated rows; {@code rows} is what the table it touched held. */
    record FailsOnData(FailedStatement statement, long rows) implements Problem {

        @Override
        public String summary() {
            return statement.causedByRows() ? "fails on data" : "fails";
        }

        @Override
        public List<String> details() {
            return failure(
                    statement,
                    statement.causedByRows() && statement.table() != null
                            ? "table " + statement.table() + " (" + rows + " rows): "
                            : "");
        }
    }

    /** The migration has no undo script, so it has no round trip. */
    record NoUndo(String expected) implements Problem {

        @Override
        public String summary() {
            return "no undo script";
        }

        @Override
        public List<String> details() {
            return List.of("There is no undo script to try: add " + expected + ".");
        }
    }

    /** The undo script failed on the tables as the migration left them, filled; nothing was undone. */
    record UndoFails(String message) implements Problem {

        @Override
        public String summary() {
            return "undo fails";
        }

        @Override
        public List<String> details() {
            return List.of("The undo failed on tables holding rows: "
                    + message.lines().findFirst().orElse(""));
        }
    }

    /** The undo did not bring the catalog back to what it was before the migration. */
    record UndoDiffers(List<String> differences) implements Problem {

        @Override
        public String summary() {
            return "undo leaves the catalog changed";
        }

        @Override
        public List<String> details() {
            List<String> lines = new ArrayList<>();
            lines.add("After the undo the catalog differs from before the migration (- missing, + left over):");
            differences.forEach(difference -> lines.add("  " + difference));
            return lines;
        }
    }

    /** Applying the migration again after its undo failed. */
    record ReapplyFails(FailedStatement statement) implements Problem {

        @Override
        public String summary() {
            return "fails when applied again after its undo";
        }

        @Override
        public List<String> details() {
            List<String> lines = new ArrayList<>(List.of("Applying it again after its undo failed:"));
            lines.addAll(failure(statement, statement.table() == null ? "" : "table " + statement.table() + ": "));
            return lines;
        }
    }

    /** Applying the migration again after its undo did not give the catalog the first application gave. */
    record ReapplyDiffers(List<String> differences) implements Problem {

        @Override
        public String summary() {
            return "up, down, up changes the catalog";
        }

        @Override
        public List<String> details() {
            List<String> lines = new ArrayList<>();
            lines.add("Up, down, up again gives a catalog that differs from the first up (- missing, + extra):");
            differences.forEach(difference -> lines.add("  " + difference));
            return lines;
        }
    }

    /** A table the undo keeps had fewer rows {@code after} than {@code before}. */
    record RowsLost(String table, long before, long after, String when) implements Problem {

        @Override
        public String summary() {
            return "rows lost";
        }

        @Override
        public List<String> details() {
            return List.of("Rows lost: " + table + " held " + before + " rows, " + after + " " + when
                    + "; the undo keeps the table, so it must keep its rows.");
        }
    }

    /**
     * A table the undo keeps held as many rows {@code when} as before, but {@code changed} of its
     * {@code rows} rows no longer hold the values they had in {@code columns}, the columns both
     * points have: values lost by an undo that drops and re-adds a column, say.
     */
    record RowsChanged(String table, long rows, long changed, String when, List<String> columns) implements Problem {

        public RowsChanged {
            columns = List.copyOf(columns);
        }

        @Override
        public String summary() {
            return "rows changed";
        }

        @Override
        public List<String> details() {
            return List.of("Rows changed: " + changed + " of the " + rows + " rows of " + table + " hold other values "
                    + when + " in " + String.join(", ", columns) + " (the columns there on both sides)"
                    + "; the undo keeps the table, so it must keep its values.");
        }
    }

    private static List<String> failure(FailedStatement statement, String table) {
        List<String> lines = new ArrayList<>();
        lines.add(statement.file()
                + (statement.line() > 0 ? " line " + statement.line() + ": " + statement.statement() : ""));
        lines.add(table + statement.message());
        if (!statement.fix().isEmpty()) {
            lines.add("Fix: " + statement.fix());
        }
        return lines;
    }
}
