package dev.keel.tools.migrate.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The allowed values a CHECK lists for one column ({@code col IN ('a', 'b')}, which PostgreSQL
 * prints as {@code col = ANY (ARRAY[...])}, or {@code col = 'a'}), so generated rows pass it.
 */
final class CheckLiterals {

    // The column alone in parentheses (PostgreSQL prints every comparison so), maybe cast: not lower(col) or f(a, col).
    private static final String COLUMN =
            "(?<![\\w$.])\\(+\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\)*(?:::[a-z ]+(?:\\[\\])?)?\\s*";
    private static final Pattern ANY_ARRAY = Pattern.compile(COLUMN + "=\\s*ANY\\s*\\(+ARRAY\\[([^\\]]*)\\]");
    private static final Pattern EQUALS = Pattern.compile(COLUMN + "=\\s*('(?:[^']|'')*'|-?\\d+(?:\\.\\d+)?)");
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'|(-?\\d+(?:\\.\\d+)?)");

    private CheckLiterals() {}

    /** For each column of {@code columns} a CHECK pins to a list of literals, that list (the first CHECK wins). */
    static Map<String, List<String>> of(List<TableCatalog.Check> checks, Set<String> columns) {
        Map<String, List<String>> allowed = new HashMap<>();
        for (TableCatalog.Check check : checks) {
            String definition = check.definition();
            if (definition.contains(" OR ") || definition.contains("(NOT ")) {
                continue; // an alternative or a negation: the literals are not the only values allowed
            }
            Matcher any = ANY_ARRAY.matcher(definition);
            while (any.find()) {
                if (columns.contains(any.group(1))) {
                    allowed.putIfAbsent(any.group(1), literals(any.group(2)));
                }
            }
            Matcher equals = EQUALS.matcher(definition);
            while (equals.find()) {
                if (columns.contains(equals.group(1))) {
                    allowed.putIfAbsent(equals.group(1), literals(equals.group(2)));
                }
            }
        }
        allowed.values().removeIf(List::isEmpty);
        return allowed;
    }

    private static List<String> literals(String list) {
        List<String> values = new ArrayList<>();
        Matcher literal = LITERAL.matcher(list);
        while (literal.find()) {
            values.add(literal.group(1) != null ? literal.group(1).replace("''", "'") : literal.group(2));
        }
        return values;
    }
}
