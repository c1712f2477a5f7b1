package dev.keel.tools.migrate.proof;

import dev.keel.tools.sql.FlywayScript;
import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.OperationParser;
import dev.keel.tools.sql.QualifiedName;
import dev.keel.tools.sql.SqlStatement;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Where a migration failed and why: its file, the statement's line and text, the table it
 * touched (as PostgreSQL names it in the error, else as the statement names it), the SQLSTATE and
 * PostgreSQL's message with its detail. Line 0 and an empty statement when Flyway did not say.
 */
public record FailedStatement(Path file, int line, String statement, String table, String sqlState, String message) {

    /** Reads {@code failure}'s causes: Flyway's script exception for the line, PostgreSQL's error for the rest. */
    public static FailedStatement of(Path file, Throwable failure) {
        FlywaySqlScriptException script = cause(failure, FlywaySqlScriptException.class);
        SQLException sql = cause(failure, SQLException.class);
        int line = script == null ? 0 : script.getLineNumber();
        Optional<SqlStatement> statement = statementAt(file, line);
        String text = statement
                .map(SqlStatement::text)
                .or(() -> Optional.ofNullable(script == null ? null : script.getStatement()))
                .map(FailedStatement::oneLine)
                .orElse("");
        ServerErrorMessage server = sql instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        String table = server != null && server.getTable() != null
                ? qualified(server.getSchema(), server.getTable())
                : statement.map(FailedStatement::tableOf).orElse(null);
        String message = server == null
                ? (sql != null ? sql.getMessage() : failure.getMessage())
                : server.getMessage() + (server.getDetail() == null ? "" : " (" + server.getDetail() + ")");
        return new FailedStatement(file, line, text, table, sql == null ? null : sql.getSQLState(), message);
    }

    /**
     * Whether existing rows made it fail: a data exception (SQLSTATE class 22: a cast, a length) or
     * an integrity violation (class 23: NOT NULL, unique, foreign key, CHECK), which an empty table
     * cannot raise.
     */
    public boolean causedByRows() {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
    }

    /** What a newcomer can do about it, by the kind of violation; empty when there is no usual fix. */
    public String fix() {
        if (sqlState == null) {
            return "";
        }
        return switch (sqlState) {
            case "23502" ->
                "Existing rows have no value for a NOT NULL column: give it a DEFAULT, or add it nullable, "
                        + "backfill it, then SET NOT NULL.";
            case "23505" ->
                "Existing rows hold duplicates: remove or merge them in the migration first, or make the "
                        + "index partial or not unique.";
            case "23514" -> "Existing rows break the CHECK: add it NOT VALID, fix the rows, then VALIDATE CONSTRAINT.";
            case "23503" ->
                "Existing rows reference nothing: add the key NOT VALID, fix the rows, then VALIDATE " + "CONSTRAINT.";
            default ->
                causedByRows()
                        ? "Existing values do not convert: give the change a USING expression that "
                                + "handles every value, or fix the rows first."
                        : "";
        };
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return kind.cast(cause);
            }
        }
        return null;
    }

    /** Our own split of the file, for the statement's text and the table it names; Flyway's line is its first. */
    private static Optional<SqlStatement> statementAt(Path file, int line) {
        if (line <= 0) {
            return Optional.empty();
        }
        try {
            return FlywayScript.read(file).statements().stream()
                    .filter(statement -> statement.line() <= line)
                    .reduce((first, second) -> second);
        } catch (RuntimeException unreadable) {
            return Optional.empty(); // Flyway read it; our splitter not: fall back on Flyway's text
        }
    }

    private static String tableOf(SqlStatement statement) {
        QualifiedName table =
                switch (OperationParser.safeParse(statement)) {
                    case Operation.AlterTable alter -> alter.table();
                    case Operation.CreateIndex index -> index.table();
                    case Operation.CreateTable create -> create.table();
                    case Operation.Update update -> update.table();
                    case Operation.Insert insert -> insert.table();
                    case Operation.Delete delete -> delete.table();
                    default -> null;
                };
        return table == null ? null : table.key();
    }

    private static String qualified(String schema, String table) {
        return schema == null || schema.equals("public") ? table : schema + "." + table;
    }

    /** The statement on one line, shortened: a statement's first line alone is often just "ALTER TABLE widget". */
    private static String oneLine(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 117) + "..." : line;
    }
}
