package dev.keel.tools.migration;

/** Cuts part of a file out for checking on its own, keeping its line numbers for the findings. */
final class SourceLines {

    private SourceLines() {}

    /** Lines {@code from} (1-based) up to {@code to} (exclusive) of {@code text}, after {@code from - 1} empty lines. */
    static String only(String text, int from, int to) {
        String[] lines = text.split("\n"); // no empty line after the last newline
        StringBuilder kept = new StringBuilder("\n".repeat(from - 1));
        for (int line = from; line < to && line <= lines.length; line++) {
            kept.append(lines[line - 1]).append('\n');
        }
        return kept.toString();
    }

    /** The 1-based line of a character offset. */
    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            line += text.charAt(i) == '\n' ? 1 : 0;
        }
        return line;
    }
}
