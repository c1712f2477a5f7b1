package dev.keel.tools.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The SQL inside a {@code DO} block, so the rules can judge what it runs instead of guessing: the
 * PL/pgSQL around each statement ({@code BEGIN}, {@code IF ... THEN}, {@code ELSE}, loops,
 * exception handlers) is left out, {@code PERFORM} is read as the SELECT it is, and
 * {@code EXECUTE 'literal'} as the statement it runs. {@code EXECUTE} of a string built at run time cannot be read, and says so.
 */
public record DoBlock(List<SqlStatement> statements, boolean dynamicSql) {

    /** Words after which, at the top level of a piece, a new SQL statement starts. */
    private static final Set<String> STARTS_AFTER = Set.of("BEGIN", "THEN", "ELSE", "LOOP", "DECLARE");

    /** PL/pgSQL statements that run no SQL of their own. */
    private static final Set<String> PROCEDURAL =
            Set.of("END", "RAISE", "RETURN", "NULL", "GET", "EXIT", "CONTINUE", "ASSERT", "IF", "ELSIF");

    public DoBlock {
        statements = List.copyOf(statements);
    }

    /** The body of {@code DO [LANGUAGE plpgsql] $$ ... $$}; an empty block when there is none or it is another language. */
    public static DoBlock of(SqlStatement statement) {
        List<Token> tokens = statement.tokens();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is("LANGUAGE")
                    && i + 1 < tokens.size()
                    && !tokens.get(i + 1).is("plpgsql")) {
                return new DoBlock(List.of(), true); // another language: nothing to read, anything may run
            }
        }
        return tokens.stream()
                .filter(token -> token.kind() == Token.Kind.DOLLAR_STRING || token.kind() == Token.Kind.STRING)
                .findFirst()
                .map(body -> read(body.stringValue()))
                .orElse(new DoBlock(List.of(), false));
    }

    private static DoBlock read(String body) {
        List<SqlStatement> found = new ArrayList<>();
        boolean dynamic = false;
        List<Token> tokens;
        try {
            tokens = SqlLexer.tokenize(body).stream()
                    .filter(token -> !token.isComment())
                    .toList();
        } catch (SqlSyntaxException e) {
            return new DoBlock(List.of(), true);
        }
        int start = 0;
        int depth = 0;
        int cases = 0; // CASE ... END of an SQL expression, whose THEN and ELSE start nothing
        for (int i = 0; i <= tokens.size(); i++) {
            Token token = i < tokens.size() ? tokens.get(i) : null;
            if (token != null && token.isSymbol("(")) {
                depth++;
            } else if (token != null && token.isSymbol(")")) {
                depth--;
            } else if (token != null && token.is("CASE") && i > start) {
                cases++;
            } else if (token != null && token.is("END") && cases > 0) {
                cases--;
            } else if (token != null
                    && depth == 0
                    && cases == 0
                    && token.kind() == Token.Kind.WORD
                    && STARTS_AFTER.contains(token.text().toUpperCase())) {
                start = i + 1;
            } else if (token == null || token.isSymbol(";") && depth == 0) {
                if (start < i) {
                    Token first = tokens.get(start);
                    if (first.is("EXECUTE")) {
                        Token argument = start + 1 < i ? tokens.get(start + 1) : null;
                        boolean literal = argument != null
                                && start + 2 == i
                                && (argument.kind() == Token.Kind.STRING
                                        || argument.kind() == Token.Kind.DOLLAR_STRING);
                        // A literal that does not read as SQL is as unknown as one built at run time.
                        List<SqlStatement> executed = literal ? statementsOf(argument.stringValue()) : null;
                        if (executed != null) {
                            found.addAll(executed);
                        } else {
                            dynamic = true;
                        }
                    } else if (first.is("PERFORM")) { // a SELECT whose rows are thrown away
                        found.addAll(SqlSplitter.split("SELECT "
                                        + body.substring(
                                                first.endOffset(),
                                                tokens.get(i - 1).endOffset()))
                                .statements());
                    } else if (!PROCEDURAL.contains(first.text().toUpperCase())) {
                        found.addAll(SqlSplitter.split(body.substring(
                                        first.offset(), tokens.get(i - 1).endOffset()))
                                .statements());
                    }
                }
                start = i + 1;
                depth = 0;
                cases = 0;
            }
        }
        return new DoBlock(found, dynamic);
    }

    private static @Nullable List<SqlStatement> statementsOf(String sql) {
        try {
            return SqlSplitter.split(sql).statements();
        } catch (SqlSyntaxException e) {
            return null;
        }
    }
}
