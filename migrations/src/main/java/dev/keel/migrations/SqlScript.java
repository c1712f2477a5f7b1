package dev.keel.migrations;

import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL script split into statements, each with the line it starts on, so a failure can
 * name its line. It knows what hides a semicolon: quotes, E'' strings, dollar quoting and
 * comments (block comments nest in PostgreSQL).
 */
public final class SqlScript {

    /** One statement and the 1-based line of the script it starts on. */
    public record Statement(String sql, int line) {

        /** The first line of the statement, for messages. */
        public String firstLine() {
            String first = sql.strip().lines().findFirst().orElse("");
            return first.length() > 120 ? first.substring(0, 117) + "..." : first;
        }
    }

    private SqlScript() {
    }

    public static List<Statement> split(String script) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            int end = i + 1;
            if (c == '-' && peek(script, i + 1) == '-') {
                end = script.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && peek(script, i + 1) == '*') {
                end = blockCommentEnd(script, i);
            } else if (c == '\'') {
                boolean escapes = i > 0 && (script.charAt(i - 1) == 'E' || script.charAt(i - 1) == 'e')
                        && (i < 2 || !Character.isLetterOrDigit(script.charAt(i - 2)));
                end = quotedEnd(script, i, '\'', escapes);
            } else if (c == '"') {
                end = quotedEnd(script, i, '"', false);
            } else if (c == '$') {
                String tag = dollarTag(script, i);
                if (tag != null) {
                    int close = script.indexOf(tag, i + tag.length());
                    end = close < 0 ? n : close + tag.length();
                }
            } else if (c == ';') {
                if (startLine > 0) {
                    statements.add(new Statement(current.toString().strip(), startLine));
                }
                current.setLength(0);
                startLine = -1;
                i++;
                continue;
            }
            String token = script.substring(i, end);
            boolean comment = token.startsWith("--") || token.startsWith("/*");
            if (startLine < 0 && !comment && !token.isBlank()) {
                startLine = line + leadingNewlines(token);
            }
            if (startLine > 0 || !comment) {
                current.append(token);
            }
            line += (int) token.chars().filter(ch -> ch == '\n').count();
            i = end;
        }
        if (startLine > 0 && !current.toString().isBlank()) {
            statements.add(new Statement(current.toString().strip(), startLine));
        }
        return statements;
    }

    private static int leadingNewlines(String token) {
        int count = 0;
        for (char c : token.toCharArray()) {
            if (c == '\n') {
                count++;
            } else if (!Character.isWhitespace(c)) {
                break;
            }
        }
        return count;
    }

    private static char peek(String s, int index) {
        return index < s.length() ? s.charAt(index) : '\0';
    }

    private static int blockCommentEnd(String s, int start) {
        int depth = 0;
        int i = start;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (s.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    private static int quotedEnd(String s, int start, char quote, boolean backslashEscapes) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (peek(s, i + 1) == quote) {
                    i += 2; // doubled quote
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** {@code $tag$} or {@code $$} starting at {@code start}, or null when the dollar is something else ($1). */
    private static String dollarTag(String s, int start) {
        int i = start + 1;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        if (i < s.length() && s.charAt(i) == '$' && (i == start + 1 || !Character.isDigit(s.charAt(start + 1)))) {
            return s.substring(start, i + 1);
        }
        return null;
    }
}
