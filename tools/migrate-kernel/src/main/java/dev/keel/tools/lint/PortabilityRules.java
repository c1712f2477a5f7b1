package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.SqlStatement;
import dev.keel.tools.sql.Token;
import dev.keel.tools.sql.TypeName;
import java.util.List;
import java.util.Map;

/** Syntax from SQLite, MySQL, SQL Server or Oracle, each answered with its PostgreSQL form. */
final class PortabilityRules implements StatementRule {

    /** Foreign words, wherever they appear, and what PostgreSQL says instead. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("autoincrement", "AUTOINCREMENT is SQLite; use GENERATED ALWAYS AS IDENTITY (or a uuid id)"),
            Map.entry("auto_increment", "AUTO_INCREMENT is MySQL; use GENERATED ALWAYS AS IDENTITY (or a uuid id)"),
            Map.entry("unsigned", "UNSIGNED is MySQL; use a CHECK (col >= 0)"),
            Map.entry("zerofill", "ZEROFILL is MySQL; format with to_char or lpad when reading"),
            Map.entry("sysdate", "SYSDATE is Oracle; use now()"));

    /** Foreign functions, when called, and their PostgreSQL form. */
    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("ifnull", "IFNULL is MySQL/SQLite; use COALESCE"),
            Map.entry("isnull", "ISNULL() is SQL Server; use COALESCE"),
            Map.entry("nvl", "NVL is Oracle; use COALESCE"),
            Map.entry("getdate", "GETDATE() is SQL Server; use now()"),
            Map.entry("group_concat", "GROUP_CONCAT is MySQL/SQLite; use string_agg(expr, ',')"),
            Map.entry("last_insert_id", "LAST_INSERT_ID() is MySQL; use INSERT ... RETURNING"),
            Map.entry("scope_identity", "SCOPE_IDENTITY() is SQL Server; use INSERT ... RETURNING"),
            Map.entry("sp_rename", "sp_rename is SQL Server; use ALTER TABLE ... RENAME"));

    /** Foreign type names, in a column's type position. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("datetime", "timestamptz"),
            Map.entry("datetime2", "timestamptz"),
            Map.entry("smalldatetime", "timestamptz"),
            Map.entry("tinyint", "smallint"),
            Map.entry("mediumint", "integer"),
            Map.entry("nvarchar", "text"),
            Map.entry("ntext", "text"),
            Map.entry("varchar2", "text"),
            Map.entry("nvarchar2", "text"),
            Map.entry("longtext", "text"),
            Map.entry("mediumtext", "text"),
            Map.entry("tinytext", "text"),
            Map.entry("clob", "text"),
            Map.entry("blob", "bytea"),
            Map.entry("longblob", "bytea"),
            Map.entry("mediumblob", "bytea"),
            Map.entry("tinyblob", "bytea"),
            Map.entry("image", "bytea"),
            Map.entry("uniqueidentifier", "uuid"),
            Map.entry("number", "numeric"),
            Map.entry("double", "double precision"),
            Map.entry("enum", "a type made with CREATE TYPE ... AS ENUM, or text with a CHECK"));

    /** Statements that start with a foreign command. */
    private static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("pragma", "PRAGMA is SQLite; remove it (PostgreSQL settings use SET)"),
            Map.entry("go", "GO is SQL Server's batch separator; end statements with ;"),
            Map.entry("delimiter", "DELIMITER is MySQL's client command; remove it (bodies use $$ quoting)"),
            Map.entry("exec", "EXEC is SQL Server; call functions with SELECT or procedures with CALL"),
            Map.entry("replace", "REPLACE INTO is MySQL/SQLite; use INSERT ... ON CONFLICT (...) DO UPDATE"));

    @Override
    public void check(StatementContext context) {
        SqlStatement statement = context.statement;
        List<Token> tokens = statement.tokens();
        String command = COMMANDS.get(
                statement.first().kind() == Token.Kind.WORD ? statement.first().name() : "");
        if (command != null) {
            context.report(Rule.POSTGRES_ONLY, statement.first(), command);
        }
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            boolean tableOption = depth == 0 && context.operation instanceof Operation.CreateTable;
            String message = foreign(token, previous, next, i == 0, tableOption);
            if (message != null) {
                context.report(Rule.POSTGRES_ONLY, token, message);
            }
        }
        foreignTypes(context);
    }

    /** {@code tableOption}: after CREATE TABLE's column list, where MySQL puts ENGINE= and CHARSET=. */
    private static String foreign(Token token, Token previous, Token next, boolean first, boolean tableOption) {
        if (token.kind() == Token.Kind.BACKTICK_IDENTIFIER) {
            return "backticks are MySQL; quote identifiers with double quotes: \"" + token.name() + "\"";
        }
        if (token.kind() == Token.Kind.OPERATOR && token.text().equals("@@") && next != null && next.is("IDENTITY")) {
            return "@@IDENTITY is SQL Server; use INSERT ... RETURNING";
        }
        if (token.kind() != Token.Kind.WORD) {
            return null;
        }
        String word = token.name();
        boolean call = next != null && next.isSymbol("(");
        if (WORDS.containsKey(word)) {
            return WORDS.get(word);
        }
        if (call && FUNCTIONS.containsKey(word)) {
            return FUNCTIONS.get(word);
        }
        if (word.equals("go")
                && !first
                && previous.line() < token.line()
                && (next == null || next.line() > token.line())) {
            return "GO is SQL Server's batch separator; end statements with ;";
        }
        if (word.equals("identity") && call && (previous == null || !previous.is("AS"))) {
            return "IDENTITY(seed, step) is SQL Server; use GENERATED ALWAYS AS IDENTITY";
        }
        if (word.equals("engine") && tableOption && next != null && next.isSymbol("=")) {
            return "ENGINE= is MySQL; remove it";
        }
        if (word.equals("charset") && tableOption) {
            return "CHARSET is MySQL; remove it (the database's encoding is UTF8)";
        }
        if (word.equals("or")
                && previous != null
                && previous.is("INSERT")
                && next != null
                && (next.is("IGNORE") || next.is("REPLACE"))) {
            return "INSERT OR " + next.text().toUpperCase() + " is SQLite; use INSERT ... ON CONFLICT "
                    + (next.is("IGNORE") ? "DO NOTHING" : "(...) DO UPDATE");
        }
        if (word.equals("ignore") && previous != null && previous.is("INSERT")) {
            return "INSERT IGNORE is MySQL; use INSERT ... ON CONFLICT DO NOTHING";
        }
        if (word.equals("duplicate") && previous != null && previous.is("ON") && next != null && next.is("KEY")) {
            return "ON DUPLICATE KEY UPDATE is MySQL; use ON CONFLICT (...) DO UPDATE";
        }
        if (word.equals("top")
                && previous != null
                && (previous.is("SELECT") || previous.is("DISTINCT"))
                && next != null
                && (next.kind() == Token.Kind.NUMBER || next.isSymbol("("))) {
            return "SELECT TOP n is SQL Server; use LIMIT n";
        }
        if (word.equals("rowid") && previous != null && previous.is("WITHOUT")) {
            return "WITHOUT ROWID is SQLite; remove it";
        }
        if (word.equals("dual") && previous != null && previous.is("FROM")) {
            return "FROM DUAL is Oracle/MySQL; leave the FROM out";
        }
        if (word.equals("current_timestamp") && previous != null && previous.is("UPDATE") && !first) {
            return "ON UPDATE CURRENT_TIMESTAMP is MySQL; use the keel_touch_updated_at trigger";
        }
        if (word.equals("key") && previous != null && previous.is("UNIQUE")) {
            return "UNIQUE KEY is MySQL; use UNIQUE (col) or CREATE UNIQUE INDEX";
        }
        return null;
    }

    /** Types are judged where a type is written: column definitions and ALTER COLUMN ... TYPE. */
    private static void foreignTypes(StatementContext context) {
        switch (context.operation) {
            case Operation.CreateTable create ->
                create.columns().forEach(column -> {
                    if (isMySqlIndex(column.tokens())) {
                        context.report(
                                Rule.POSTGRES_ONLY,
                                column.name(),
                                column.name().text().toUpperCase()
                                        + " inside CREATE TABLE is MySQL; use CREATE INDEX after the table");
                    } else {
                        foreignType(context, column.type());
                    }
                    commentClause(context, column.tokens());
                });
            case Operation.AlterTable alter ->
                alter.actions().forEach(action -> {
                    switch (action) {
                        case Operation.AddColumn add -> {
                            foreignType(context, add.column().type());
                            commentClause(context, add.column().tokens());
                        }
                        case Operation.AlterColumnType change -> foreignType(context, change.type());
                        case Operation.OtherAction other
                        when other.words().startsWith("MODIFY") || other.words().startsWith("CHANGE") ->
                            context.report(
                                    Rule.POSTGRES_ONLY,
                                    other.at(),
                                    other.words().split(" ")[0]
                                            + " is MySQL; use ALTER COLUMN ... TYPE (or RENAME COLUMN)");
                        default -> {}
                    }
                });
            default -> {}
        }
    }

    /** KEY idx (col) or INDEX (col) inside CREATE TABLE; a column named key or index is fine. */
    private static boolean isMySqlIndex(List<Token> element) {
        if (element.size() < 2 || !(element.get(0).is("KEY") || element.get(0).is("INDEX"))) {
            return false;
        }
        // KEY idx (col): a name, then column names in parentheses; key varchar(10) has a number there.
        return element.get(1).isSymbol("(")
                || element.size() > 3
                        && element.get(1).isIdentifier()
                        && element.get(2).isSymbol("(")
                        && element.get(3).kind() != Token.Kind.NUMBER;
    }

    private static void foreignType(StatementContext context, TypeName type) {
        if (type.at() != null && type.at().kind() == Token.Kind.WORD && TYPES.containsKey(type.canonical())) {
            context.report(
                    Rule.POSTGRES_ONLY,
                    type.at(),
                    type.at().text() + " is not a PostgreSQL type; use " + TYPES.get(type.canonical()));
        }
    }

    /** MySQL's column COMMENT 'text'. */
    private static void commentClause(StatementContext context, List<Token> tokens) {
        for (int i = 1; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("COMMENT") && tokens.get(i + 1).kind() == Token.Kind.STRING) {
                context.report(
                        Rule.POSTGRES_ONLY,
                        tokens.get(i),
                        "a column COMMENT clause is MySQL; use COMMENT ON " + "COLUMN table.column IS '...'");
            }
        }
    }
}
