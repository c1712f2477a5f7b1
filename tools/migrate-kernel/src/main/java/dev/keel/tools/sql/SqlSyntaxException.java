package dev.keel.tools.sql;

/** SQL the lexer cannot read, such as an unterminated string, with where it starts. */
public final class SqlSyntaxException extends RuntimeException {

    private final int line;
    private final int column;

    public SqlSyntaxException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
