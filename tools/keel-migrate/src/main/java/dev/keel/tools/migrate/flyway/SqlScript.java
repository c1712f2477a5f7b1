package dev.keel.tools.migrate.flyway;

import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.sql.SqlSplitter;
import dev.keel.tools.sql.SqlSyntaxException;
import java.util.List;

/**
 * A PostgreSQL script split into statements, each with the line it starts on, so a failure can
 * name its line. The splitting is {@link SqlSplitter}'s, on the lexer's tokens.
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

    private SqlScript() {}

    public static List<Statement> split(String script) {
        try {
            return SqlSplitter.split(script).statements().stream()
                    .map(statement -> new Statement(statement.text(), statement.line()))
                    .toList();
        } catch (SqlSyntaxException e) {
            throw new MigrationException("line " + e.line() + ", column " + e.column() + ": " + e.getMessage());
        }
    }
}
