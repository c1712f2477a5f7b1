package dev.keel.tools.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons, from the lexer's tokens, so quotes,
 * dollar quoting and comments can never hide or fake one. A SQL-standard function body
 * ({@code BEGIN ATOMIC ... END}) holds semicolons of its own and stays one statement. A MySQL
 * {@code DELIMITER x} line is a statement of its own, and until {@code DELIMITER ;} statements end at
 * x rather than at semicolons, as MySQL's client splits them. A MySQL routine written without
 * DELIMITER ({@code CREATE PROCEDURE p() BEGIN ...; END}) stays one statement too, so its END is not
 * read as COMMIT; the postgres-only rule reports its body.
 */
public final class SqlSplitter {

    /** The statements of a script, and the comments after its last one. */
    public record Script(List<SqlStatement> statements, List<Token> trailingComments) {}

    private SqlSplitter() {}

    public static Script split(String sql) {
        List<SqlStatement> statements = new ArrayList<>();
        List<Token> comments = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int atomicDepth = 0;
        boolean customDelimiter = false;
        boolean mySqlBody = false;
        for (Token token : SqlLexer.tokenize(sql)) {
            if (token.isComment()) {
                if (current.isEmpty()) {
                    comments.add(token);
                }
                continue;
            }
            boolean delimiterCommand = token.kind() == Token.Kind.DELIMITER
                    && current.size() == 1
                    && current.getFirst().is("DELIMITER");
            if (delimiterCommand) {
                current.add(token);
                customDelimiter = !token.text().equals(";");
            }
            if (token.kind() == Token.Kind.DELIMITER || token.isSymbol(";") && atomicDepth == 0 && !customDelimiter) {
                if (!current.isEmpty()) {
                    statements.add(statement(sql, current, comments));
                }
                current = new ArrayList<>();
                comments = new ArrayList<>();
                mySqlBody = false;
                atomicDepth = 0;
                continue;
            }
            current.add(token);
            if (atomicDepth == 0 && !mySqlBody && startsMySqlBody(current)) {
                mySqlBody = true;
                atomicDepth = 1;
            }
            atomicDepth += atomicDepthChange(current, atomicDepth) + (mySqlBody ? mySqlBodyDepthChange(current) : 0);
        }
        if (!current.isEmpty()) {
            statements.add(statement(sql, current, comments));
            comments = List.of();
        }
        return new Script(List.copyOf(statements), List.copyOf(comments));
    }

    /** The token after a top-level BEGIN that is not BEGIN ATOMIC, in CREATE PROCEDURE|FUNCTION|TRIGGER. */
    private static boolean startsMySqlBody(List<Token> tokens) {
        if (tokens.size() < 3
                || !tokens.getFirst().is("CREATE")
                || !tokens.get(tokens.size() - 2).is("BEGIN")
                || tokens.getLast().is("ATOMIC")) {
            return false;
        }
        return tokens.subList(1, Math.min(tokens.size(), 12)).stream()
                .anyMatch(token -> token.is("PROCEDURE") || token.is("FUNCTION") || token.is("TRIGGER"));
    }

    /**
     * Inside a MySQL body, beyond what {@link #atomicDepthChange} counts: a nested BEGIN opens; END IF,
     * END LOOP, END WHILE and END REPEAT close nothing (their openers were not counted); END CASE
     * closes its CASE once.
     */
    private static int mySqlBodyDepthChange(List<Token> tokens) {
        Token last = tokens.getLast();
        Token previous = tokens.size() > 1 ? tokens.get(tokens.size() - 2) : null;
        if (last.is("BEGIN")) {
            return 1;
        }
        boolean afterEnd = previous != null && previous.is("END");
        if (afterEnd && (last.is("IF") || last.is("LOOP") || last.is("WHILE") || last.is("REPEAT"))) {
            return 1;
        }
        return afterEnd && last.is("CASE") ? -1 : 0;
    }

    /** BEGIN ATOMIC opens a body; inside one, CASE opens and END closes. */
    private static int atomicDepthChange(List<Token> tokens, int depth) {
        Token last = tokens.getLast();
        if (last.is("ATOMIC")
                && tokens.size() > 1
                && tokens.get(tokens.size() - 2).is("BEGIN")) {
            return 1;
        }
        if (depth > 0 && last.is("CASE")) {
            return 1;
        }
        if (depth > 0 && last.is("END")) {
            return -1;
        }
        return 0;
    }

    private static SqlStatement statement(String sql, List<Token> tokens, List<Token> comments) {
        Token first = tokens.getFirst();
        String text = sql.substring(first.offset(), tokens.getLast().endOffset());
        return new SqlStatement(text, tokens, comments, first.line(), first.column());
    }
}
