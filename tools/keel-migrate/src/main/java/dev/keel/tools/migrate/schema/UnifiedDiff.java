package dev.keel.tools.migrate.schema;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts by lines, as {@code diff -u} prints it, with three lines of context. */
public final class UnifiedDiff {

    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** One line of the edit script: ' ' kept, '-' only in the old text, '+' only in the new one. */
    private record Edit(char kind, String line, int oldLine, int newLine) {}

    /** The diff from {@code before} to {@code after}, labelled; empty when they are equal. */
    public static String of(String beforeLabel, String before, String afterLabel, String after) {
        List<Edit> edits = edits(lines(before), lines(after));
        if (edits.stream().allMatch(edit -> edit.kind() == ' ')) {
            return "";
        }
        StringBuilder diff = new StringBuilder("--- " + beforeLabel + "\n+++ " + afterLabel + "\n");
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).kind() == ' ') {
                i++;
                continue;
            }
            // A hunk: this change, the changes within 2 * CONTEXT kept lines of it, and CONTEXT lines around.
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int kept = 0;
            for (int j = i; j < edits.size() && kept <= 2 * CONTEXT; j++) {
                if (edits.get(j).kind() == ' ') {
                    kept++;
                } else {
                    kept = 0;
                    end = j;
                }
            }
            int stop = Math.min(edits.size(), end + 1 + CONTEXT);
            hunk(diff, edits.subList(start, stop));
            i = stop;
        }
        return diff.toString();
    }

    private static void hunk(StringBuilder diff, List<Edit> hunk) {
        int oldStart = hunk.getFirst().oldLine();
        int newStart = hunk.getFirst().newLine();
        long oldCount = hunk.stream().filter(edit -> edit.kind() != '+').count();
        long newCount = hunk.stream().filter(edit -> edit.kind() != '-').count();
        diff.append("@@ -")
                .append(oldCount == 0 ? oldStart - 1 : oldStart)
                .append(',')
                .append(oldCount)
                .append(" +")
                .append(newCount == 0 ? newStart - 1 : newStart)
                .append(',')
                .append(newCount)
                .append(" @@\n");
        hunk.forEach(edit -> diff.append(edit.kind()).append(edit.line()).append('\n'));
    }

    /** The shortest edit script by the longest common subsequence; the files are small. */
    private static List<Edit> edits(List<String> before, List<String> after) {
        int[][] common = new int[before.size() + 1][after.size() + 1];
        for (int i = before.size() - 1; i >= 0; i--) {
            for (int j = after.size() - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < before.size() || j < after.size()) {
            if (i < before.size() && j < after.size() && before.get(i).equals(after.get(j))) {
                edits.add(new Edit(' ', before.get(i), ++i, ++j));
            } else if (i < before.size() && (j == after.size() || common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new Edit('-', before.get(i), ++i, j + 1));
            } else {
                edits.add(new Edit('+', after.get(j), i + 1, ++j));
            }
        }
        return edits;
    }

    private static List<String> lines(String text) {
        List<String> lines = List.of(text.split("\n", -1));
        // A final newline ends the last line; it does not start another.
        return text.endsWith("\n") || text.isEmpty() ? lines.subList(0, lines.size() - 1) : lines;
    }
}
