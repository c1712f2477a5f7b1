package dev.keel.tools.lint;

import dev.keel.tools.sql.SqlLexer;

/**
 * Whether a column default is computed for every row, so ADD COLUMN with it rewrites the table: the linter's own
 * judgement (its list of stable functions, its reading of casts), for tools that write migrations and must agree
 * with what the linter will say of them.
 */
public final class VolatileDefaults {

    private VolatileDefaults() {}

    public static boolean isVolatile(String defaultExpression) {
        return LockingRules.volatileCall(SqlLexer.tokenize(defaultExpression).stream()
                        .filter(token -> !token.isComment())
                        .toList())
                != null;
    }
}
