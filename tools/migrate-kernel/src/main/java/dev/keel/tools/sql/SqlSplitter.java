package dev.keel.tools.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements at top-level semicolons, from the lexer's tokens, so quotes,
 * dollar quoting and comments can never hide or fake one. A SQL-standard function body
 * ({@code BEGIN ATOMIC ... END}) holds semicolons of its own and stays one statement.
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
        for (Token token : SqlLexer.tokenize(sql)) {
            if (token.isComment()) {
                if (current.isEmpty()) {
                    comments.add(token);
                }
                continue;
            }
            if (token.isSymbol(";") && atomicDepth == 0) {
                if (!current.isEmpty()) {
                    statements.add(statement(sql, current, comments));
                }
                current = new ArrayList<>();
                comments = new ArrayList<>();
                continue;
            }
            current.add(token);
            atomicDepth += atomicDepthChange(current, atomicDepth);
        }
        if (!current.isEmpty()) {
            statements.add(statement(sql, current, comments));
            comments = List.of();
        }
        return new Script(List.copyOf(statements), List.copyOf(comments));
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
