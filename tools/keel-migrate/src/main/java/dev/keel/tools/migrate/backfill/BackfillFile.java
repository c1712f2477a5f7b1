package dev.keel.tools.migrate.backfill;

import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.sql.SqlLexer;
import dev.keel.tools.sql.SqlSplitter;
import dev.keel.tools.sql.SqlStatement;
import dev.keel.tools.sql.SqlSyntaxException;
import dev.keel.tools.sql.Token;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backfill file: a {@code -- keel:backfill table=... key=...} directive line, then one statement
 * that changes the rows whose key lies in {@code (:after, :upto]}.
 */
public record BackfillFile(Path file, String name, Directive directive, BackfillStatement statement) {

    static final String DIRECTIVE = "keel:backfill";
    static final String EXAMPLE = "-- keel:backfill table=widget key=id batch=1000 sleep=200ms";
    private static final Set<String> SETTINGS =
            Set.of("table", "key", "batch", "sleep", "lock_timeout", "statement_timeout");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|min)");

    /** What the directive says: the table and unique key to walk, the batch size, the pauses and the timeouts. */
    public record Directive(
            String table,
            String key,
            int batch,
            Duration sleep,
            Duration lockTimeout,
            Duration statementTimeout,
            int line) {}

    public static BackfillFile read(Path file) {
        String sql;
        try {
            sql = Files.readString(file);
        } catch (IOException e) {
            throw new MigrationException(
                    "Cannot read the backfill file " + file + ": " + e.getMessage()
                            + "\n  Fix: pass a file such as migrations/src/main/resources/db/backfill/<name>.sql.",
                    e);
        }
        return parse(file, sql);
    }

    static BackfillFile parse(Path file, String sql) {
        try {
            List<SqlStatement> statements = SqlSplitter.split(sql).statements();
            Directive directive = directive(file, SqlLexer.tokenize(sql), statements);
            if (statements.isEmpty()) {
                throw problem(
                        file,
                        directive.line(),
                        "no statement follows the directive",
                        "write one UPDATE or INSERT ... SELECT that uses :after and :upto.");
            }
            if (statements.size() > 1) {
                throw problem(
                        file,
                        statements.get(1).line(),
                        "a second statement; a backfill runs exactly one per batch",
                        "keep one statement in this file and put the other in a backfill file of its own.");
            }
            String base = file.getFileName().toString();
            String name = base.endsWith(".sql") ? base.substring(0, base.length() - 4) : base;
            return new BackfillFile(file, name, directive, BackfillStatement.of(file, statements.getFirst()));
        } catch (SqlSyntaxException e) {
            throw problem(file, e.line(), e.getMessage(), "correct the SQL.");
        }
    }

    /** The one directive line, before the statement, with its defaults filled in. */
    private static Directive directive(Path file, List<Token> tokens, List<SqlStatement> statements) {
        List<Token> found = tokens.stream()
                .filter(token -> token.kind() == Token.Kind.LINE_COMMENT)
                .filter(token -> words(token).getFirst().equals(DIRECTIVE))
                .toList();
        if (found.isEmpty()) {
            throw problem(
                    file, 1, "no " + DIRECTIVE + " directive", "start the file with a line such as " + EXAMPLE + ".");
        }
        if (found.size() > 1) {
            throw problem(file, found.get(1).line(), "a second " + DIRECTIVE + " directive", "keep one.");
        }
        Token line = found.getFirst();
        if (!statements.isEmpty()
                && line.offset() > statements.getFirst().first().offset()) {
            throw problem(
                    file,
                    line.line(),
                    "the " + DIRECTIVE + " directive comes after the statement",
                    "move it to the file's header, before the statement.");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String word : words(line).subList(1, words(line).size())) {
            int equals = word.indexOf('=');
            String setting = equals < 0 ? word : word.substring(0, equals).toLowerCase(Locale.ROOT);
            if (equals < 1 || equals == word.length() - 1 || !SETTINGS.contains(setting)) {
                throw problem(
                        file,
                        line.line(),
                        "'" + word + "' is not a setting of the directive",
                        "write name=value with a name among "
                                + SETTINGS.stream().sorted().toList() + ", as in " + EXAMPLE + ".");
            }
            settings.put(setting, word.substring(equals + 1));
        }
        for (String required : List.of("table", "key")) {
            if (!settings.containsKey(required)) {
                throw problem(
                        file,
                        line.line(),
                        "the directive names no " + required,
                        "add " + required + "=..., as in " + EXAMPLE + ".");
            }
        }
        int batch = batch(file, line.line(), settings.getOrDefault("batch", "1000"));
        return new Directive(
                settings.get("table"),
                settings.get("key"),
                batch,
                duration(file, line.line(), "sleep", settings.getOrDefault("sleep", "100ms")),
                duration(file, line.line(), "lock_timeout", settings.getOrDefault("lock_timeout", "2s")),
                duration(file, line.line(), "statement_timeout", settings.getOrDefault("statement_timeout", "60s")),
                line.line());
    }

    private static List<String> words(Token comment) {
        return List.of(comment.text().substring(2).strip().split("\\s+"));
    }

    private static int batch(Path file, int line, String value) {
        if (!value.matches("\\d{1,9}") || Integer.parseInt(value) < 1) {
            throw problem(
                    file,
                    line,
                    "batch=" + value + " is not a number of keys",
                    "write a whole number of at least 1, such as batch=1000.");
        }
        return Integer.parseInt(value);
    }

    private static Duration duration(Path file, int line, String setting, String value) {
        Duration duration = parseDuration(value);
        if (duration == null) {
            throw problem(
                    file,
                    line,
                    setting + "=" + value + " is not a duration",
                    "write a number with ms, s or min, such as " + setting + "=200ms.");
        }
        return duration;
    }

    /** 200ms, 2s, 1min or 0; null when {@code value} is none of these. */
    public static Duration parseDuration(String value) {
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches()) {
            return null;
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
    }

    static MigrationException problem(Path file, int line, String message, String fix) {
        return new MigrationException(file + " line " + line + ": " + message + "\n  Fix: " + fix);
    }
}
