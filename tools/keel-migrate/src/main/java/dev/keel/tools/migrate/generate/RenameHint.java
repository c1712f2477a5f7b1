package dev.keel.tools.migrate.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A {@code -- keel:renamed-from old_name} comment in the edited schema.sql: the object declared on its line, or on
 * the next line, had {@code old_name} before. The generator never guesses a rename; without a hint a renamed object
 * is a drop and an add. Names are kept as written ({@code "Gadget"} quoted, {@code gadget} folded to lower case
 * when compared), and {@code table} is the table a column or constraint is declared on.
 *
 * <p>Only the hint is read from the file's text; every object it names is looked up in the catalogs.
 */
public record RenameHint(Kind kind, @Nullable String table, String from, String to, int line) {

    public enum Kind {
        TABLE,
        COLUMN,
        INDEX,
        CONSTRAINT
    }

    private static final String NAME = "((?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)"
            + "(?:\\.(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*))?)";
    private static final Pattern HINT = Pattern.compile("--\\s*keel:renamed-from\\b\\s*(\\S*)\\s*$");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^\\s*CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME
                    + "\\s+ON\\s+(?:ONLY\\s+)?" + NAME,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ADD_CONSTRAINT = Pattern.compile(
            "^\\s*ALTER\\s+TABLE\\s+(?:ONLY\\s+)?" + NAME + "\\s+ADD\\s+CONSTRAINT\\s+" + NAME,
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_CONSTRAINT =
            Pattern.compile("^\\s*CONSTRAINT\\s+" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE_ELEMENT_KEYWORD =
            Pattern.compile("^\\s*(?:PRIMARY|UNIQUE|CHECK|FOREIGN|EXCLUDE|LIKE)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern COLUMN = Pattern.compile("^\\s*" + NAME + "\\s+\\S");
    private static final Pattern OTHER_DECLARATION =
            Pattern.compile("^\\s*(?:CREATE|ALTER|COMMENT)\\s+(.{0,40})", Pattern.CASE_INSENSITIVE);

    /** Every hint in {@code schemaSql}; a hint that stands before no table, column, index or constraint is refused. */
    public static List<RenameHint> in(String schemaSql) {
        List<RenameHint> hints = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = schemaSql.split("\n", -1);
        @Nullable String table = null;
        @Nullable String pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i];
            Matcher hint = HINT.matcher(line);
            String code = line;
            @Nullable String oldName = null;
            if (hint.find()) {
                if (hint.group(1).isEmpty() || !hint.group(1).matches(NAME)) {
                    problems.add(at(number) + "-- keel:renamed-from needs the old name of the object, such as "
                            + "-- keel:renamed-from old_name");
                    continue;
                }
                code = line.substring(0, hint.start());
                oldName = hint.group(1);
                if (code.isBlank()) {
                    if (pending != null) {
                        problems.add(at(pendingLine) + "-- keel:renamed-from " + pending
                                + " stands before another hint, not before the object it renames");
                    }
                    pending = oldName;
                    pendingLine = number;
                    continue;
                }
            } else if (line.isBlank() || line.strip().startsWith("--")) {
                continue; // a hint may stand above other comments on its object
            }
            if (pending != null) {
                if (oldName != null) {
                    problems.add(at(pendingLine) + "two -- keel:renamed-from hints for the object on line " + number);
                }
                oldName = pending;
                number = pendingLine;
                pending = null;
            }
            @Nullable RenameHint declared = declared(code, table, oldName == null ? "" : oldName, number);
            if (CREATE_TABLE.matcher(code).find() && code.contains("(")) {
                table = group(CREATE_TABLE, code, 1);
            } else if (table != null && code.strip().startsWith(")")) {
                table = null;
            }
            if (oldName == null) {
                continue;
            }
            if (declared == null) {
                Matcher other = OTHER_DECLARATION.matcher(code);
                problems.add(at(number) + "-- keel:renamed-from " + oldName + " stands before "
                        + (other.find() ? "'" + other.group(0).strip() + "...', " : "no declaration, ")
                        + "and only tables, columns, indexes and constraints are renamed on a hint: put it on the line"
                        + " before the object's declaration, or at the end of that line");
            } else {
                hints.add(declared);
            }
        }
        if (pending != null) {
            problems.add(at(pendingLine) + "-- keel:renamed-from " + pending + " stands before nothing");
        }
        if (!problems.isEmpty()) {
            throw new GenerationRefused(problems);
        }
        return List.copyOf(hints);
    }

    /** The object declared on {@code code}, inside the body of {@code table} when that is not null. */
    private static @Nullable RenameHint declared(String code, @Nullable String table, String oldName, int line) {
        Matcher matcher;
        if ((matcher = CREATE_TABLE.matcher(code)).find()) {
            return new RenameHint(Kind.TABLE, null, oldName, matcher.group(1), line);
        }
        if ((matcher = CREATE_INDEX.matcher(code)).find()) {
            return new RenameHint(Kind.INDEX, matcher.group(2), oldName, matcher.group(1), line);
        }
        if ((matcher = ADD_CONSTRAINT.matcher(code)).find()) {
            return new RenameHint(Kind.CONSTRAINT, matcher.group(1), oldName, matcher.group(2), line);
        }
        if (table == null) {
            return null;
        }
        if ((matcher = INLINE_CONSTRAINT.matcher(code)).find()) {
            return new RenameHint(Kind.CONSTRAINT, table, oldName, matcher.group(1), line);
        }
        if (TABLE_ELEMENT_KEYWORD.matcher(code).find() || code.strip().startsWith(")")) {
            return null;
        }
        if ((matcher = COLUMN.matcher(code)).find()) {
            return new RenameHint(Kind.COLUMN, table, oldName, matcher.group(1), line);
        }
        return null;
    }

    private static String group(Pattern pattern, String code, int group) {
        Matcher matcher = pattern.matcher(code);
        matcher.find();
        return matcher.group(group);
    }

    private static String at(int line) {
        return "db/schema.sql line " + line + ": ";
    }

    /**
     * A name as PostgreSQL stores it, each part without quotes: {@code Public."Gadget"} is {@code public} and
     * {@code Gadget}.
     */
    static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < name.length()) {
            if (name.charAt(i) == '"') {
                StringBuilder part = new StringBuilder();
                i++;
                while (i < name.length()) {
                    if (name.charAt(i) == '"' && i + 1 < name.length() && name.charAt(i + 1) == '"') {
                        part.append('"');
                        i += 2;
                    } else if (name.charAt(i) == '"') {
                        i++;
                        break;
                    } else {
                        part.append(name.charAt(i++));
                    }
                }
                parts.add(part.toString());
            } else {
                int end = name.indexOf('.', i);
                end = end < 0 ? name.length() : end;
                parts.add(name.substring(i, end).toLowerCase(Locale.ROOT));
                i = end;
            }
            if (i < name.length() && name.charAt(i) == '.') {
                i++;
            }
        }
        return List.copyOf(parts);
    }
}
