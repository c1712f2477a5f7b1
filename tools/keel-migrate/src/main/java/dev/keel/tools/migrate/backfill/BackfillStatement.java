package dev.keel.tools.migrate.backfill;

import dev.keel.tools.sql.SqlStatement;
import dev.keel.tools.sql.Token;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A backfill's statement with its {@code :after} and {@code :upto} parameters, found among the
 * lexer's tokens so a string or comment that mentions them is left alone, and rendered as JDBC SQL
 * with {@code CAST(? AS <key type>)} in their place.
 */
public final class BackfillStatement {

    /** The two bounds of a batch: keys greater than {@code after}, up to and including {@code upto}. */
    public enum Parameter {
        AFTER,
        UPTO
    }

    /** The SQL to prepare and which bound each of its {@code ?} takes, in order. */
    public record Rendered(String sql, List<Parameter> parameters) {}

    /** One use of a parameter: its tokens, and for :after the comparison that makes it the lower bound. */
    private record Use(Parameter parameter, Token colon, Token name, Token comparison) {}

    /** A piece of the text to replace, relative to the statement's start. */
    private record Edit(int start, int end, String text) {}

    private final SqlStatement statement;
    private final List<Use> uses;

    private BackfillStatement(SqlStatement statement, List<Use> uses) {
        this.statement = statement;
        this.uses = uses;
    }

    static BackfillStatement of(Path file, SqlStatement statement) {
        if (!statement.first().is("UPDATE")
                && !statement.first().is("INSERT")
                && !statement.first().is("WITH")) {
            throw BackfillFile.problem(
                    file,
                    statement.line(),
                    "'" + statement.summary() + "' is not an UPDATE or INSERT",
                    "a backfill changes rows with one UPDATE, or INSERT ... SELECT; rows are archived, never deleted.");
        }
        List<Token> tokens = statement.tokens();
        List<Use> uses = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.is("OFFSET")) {
                throw BackfillFile.problem(
                        file,
                        token.line(),
                        "OFFSET in a backfill statement",
                        "the batches are keyset ranges already: filter with key > :after AND key <= :upto, never OFFSET, "
                                + "which reads and discards every skipped row again.");
            }
            Parameter parameter = parameter(tokens, i);
            if (parameter != null) {
                uses.add(
                        new Use(parameter, token, tokens.get(i + 1), lowerBoundComparison(file, tokens, i, parameter)));
            }
        }
        for (Parameter parameter : Parameter.values()) {
            if (uses.stream().noneMatch(use -> use.parameter() == parameter)) {
                throw BackfillFile.problem(
                        file,
                        statement.line(),
                        "the statement never uses :" + name(parameter),
                        "limit it to one batch of keys with key > :after AND key <= :upto.");
            }
        }
        return new BackfillStatement(statement, List.copyOf(uses));
    }

    /** :after or :upto at {@code index}: a ':' followed, with no space, by the word. */
    private static Parameter parameter(List<Token> tokens, int index) {
        Token colon = tokens.get(index);
        if (!colon.isSymbol(":") || index + 1 >= tokens.size()) {
            return null;
        }
        Token word = tokens.get(index + 1);
        if (word.offset() != colon.endOffset()) {
            return null;
        }
        for (Parameter parameter : Parameter.values()) {
            if (word.is(name(parameter))) {
                return parameter;
            }
        }
        return null;
    }

    /**
     * The {@code >} of {@code key > :after} (or the {@code <} of {@code :after < key}): the first
     * batch has no previous key, so it runs as {@code key >= <its first key>} instead.
     */
    private static Token lowerBoundComparison(Path file, List<Token> tokens, int colon, Parameter parameter) {
        if (parameter != Parameter.AFTER) {
            return null;
        }
        Token before = colon > 0 ? tokens.get(colon - 1) : null;
        Token after = colon + 2 < tokens.size() ? tokens.get(colon + 2) : null;
        if (before != null && before.isSymbol(">")) {
            return before;
        }
        if (after != null && after.isSymbol("<")) {
            return after;
        }
        throw BackfillFile.problem(
                file,
                tokens.get(colon).line(),
                ":after is used other than as key > :after",
                "compare the key with it as key > :after: the first batch, which has no previous key, then runs with "
                        + "key >= its first key.");
    }

    private static String name(Parameter parameter) {
        return parameter.name().toLowerCase(Locale.ROOT);
    }

    /** The statement as JDBC runs it for one batch; {@code firstBatch} makes the lower bound inclusive. */
    Rendered render(String keyType, boolean firstBatch) {
        int start = statement.first().offset();
        List<Edit> edits = new ArrayList<>();
        for (Use use : uses) {
            edits.add(new Edit(
                    use.colon().offset() - start, use.name().endOffset() - start, "CAST(? AS " + keyType + ")"));
            if (firstBatch && use.comparison() != null) {
                Token comparison = use.comparison();
                edits.add(
                        new Edit(comparison.offset() - start, comparison.endOffset() - start, comparison.text() + "="));
            }
        }
        for (Token token : statement.tokens()) {
            if (token.kind() == Token.Kind.OPERATOR && token.text().contains("?")) {
                // JDBC reads a lone ? as a parameter; ?? is how it passes jsonb's ? operators through.
                edits.add(new Edit(
                        token.offset() - start,
                        token.endOffset() - start,
                        token.text().replace("?", "??")));
            }
        }
        edits.sort(Comparator.comparingInt(Edit::start));
        StringBuilder sql = new StringBuilder();
        int copied = 0;
        for (Edit edit : edits) {
            sql.append(statement.text(), copied, edit.start()).append(edit.text());
            copied = edit.end();
        }
        sql.append(statement.text().substring(copied));
        return new Rendered(sql.toString(), uses.stream().map(Use::parameter).toList());
    }

    /** The statement as written, for messages. */
    public String text() {
        return statement.text();
    }
}
