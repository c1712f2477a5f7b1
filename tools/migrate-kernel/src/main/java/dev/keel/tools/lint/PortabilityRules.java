package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.SqlStatement;
import dev.keel.tools.sql.Token;
import dev.keel.tools.sql.TypeName;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Syntax from SQLite, MySQL, SQL Server or Oracle, each answered with its PostgreSQL form. */
final class PortabilityRules implements StatementRule {

    /** Foreign words, wherever they appear, and what PostgreSQL says instead. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("autoincrement", "AUTOINCREMENT is SQLite; use GENERATED ALWAYS AS IDENTITY (or a uuid id)"),
            Map.entry("auto_increment", "AUTO_INCREMENT is MySQL; use GENERATED ALWAYS AS IDENTITY (or a uuid id)"),
            Map.entry("unsigned", "UNSIGNED is MySQL; use a CHECK (col >= 0)"),
            Map.entry("zerofill", "ZEROFILL is MySQL; format with to_char or lpad when reading"),
            Map.entry("sysdate", "SYSDATE is Oracle; use now()"),
            Map.entry("sp_rename", "sp_rename is SQL Server; use ALTER TABLE ... RENAME"),
            Map.entry("row_format", "ROW_FORMAT is MySQL; remove it"));

    /** Foreign functions, when called, and their PostgreSQL form. */
    private static final Map<String, String> FUNCTIONS = Map.ofEntries(
            Map.entry("ifnull", "IFNULL is MySQL/SQLite; use COALESCE"),
            Map.entry("isnull", "ISNULL() is SQL Server; use COALESCE"),
            Map.entry("nvl", "NVL is Oracle; use COALESCE"),
            Map.entry("getdate", "GETDATE() is SQL Server; use now()"),
            Map.entry("group_concat", "GROUP_CONCAT is MySQL/SQLite; use string_agg(expr, ',')"),
            Map.entry("last_insert_id", "LAST_INSERT_ID() is MySQL; use INSERT ... RETURNING"),
            Map.entry("json_length", "JSON_LENGTH is MySQL; use jsonb_array_length (or a jsonb path)"),
            Map.entry("json_extract", "JSON_EXTRACT is MySQL/SQLite; use the -> and ->> operators or jsonb_path_query"),
            Map.entry("json_unquote", "JSON_UNQUOTE is MySQL; use the ->> operator"),
            Map.entry("json_contains", "JSON_CONTAINS is MySQL; use the @> operator on jsonb"),
            Map.entry("json_set", "JSON_SET is MySQL/SQLite; use jsonb_set"),
            Map.entry("json_search", "JSON_SEARCH is MySQL; use jsonb_path_query"),
            Map.entry("str_to_date", "STR_TO_DATE is MySQL; use to_timestamp or to_date"),
            Map.entry("date_format", "DATE_FORMAT is MySQL; use to_char"),
            Map.entry("unix_timestamp", "UNIX_TIMESTAMP is MySQL; use extract(epoch FROM ...)"),
            Map.entry("from_unixtime", "FROM_UNIXTIME is MySQL; use to_timestamp"),
            Map.entry("curdate", "CURDATE() is MySQL; use current_date"),
            Map.entry("utc_timestamp", "UTC_TIMESTAMP() is MySQL; use now() (timestamptz)"),
            Map.entry("substring_index", "SUBSTRING_INDEX is MySQL; use split_part"),
            Map.entry("uuid_to_bin", "UUID_TO_BIN is MySQL; store the uuid type"),
            Map.entry("bin_to_uuid", "BIN_TO_UUID is MySQL; store the uuid type"),
            Map.entry("date_sub", "DATE_SUB is MySQL; subtract an interval: ts - interval '1 day'"),
            Map.entry("convert_tz", "CONVERT_TZ is MySQL; use ts AT TIME ZONE 'zone'"),
            Map.entry("random_bytes", "RANDOM_BYTES is MySQL; use gen_random_bytes (pgcrypto) or gen_random_uuid()"),
            Map.entry("hex", "HEX() is MySQL/SQLite; use encode(bytes, 'hex') or to_hex(n)"),
            Map.entry("unhex", "UNHEX() is MySQL; use decode(text, 'hex')"),
            Map.entry("to_base64", "TO_BASE64 is MySQL; use encode(bytes, 'base64')"),
            Map.entry("from_base64", "FROM_BASE64 is MySQL; use decode(text, 'base64')"),
            Map.entry("sha2", "SHA2 is MySQL; use sha256(bytes) or sha512(bytes)"),
            Map.entry("randomblob", "RANDOMBLOB is SQLite; use gen_random_bytes (pgcrypto) or gen_random_uuid()"),
            Map.entry("strftime", "STRFTIME is SQLite; use to_char"),
            Map.entry("julianday", "JULIANDAY is SQLite; use extract(julian FROM ...)"),
            Map.entry("unixepoch", "UNIXEPOCH is SQLite; use extract(epoch FROM ...)"),
            Map.entry("iif", "IIF is SQLite/SQL Server; use CASE WHEN cond THEN a ELSE b END"),
            Map.entry("scope_identity", "SCOPE_IDENTITY() is SQL Server; use INSERT ... RETURNING"));

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
            Map.entry("binary", "bytea"),
            Map.entry("varbinary", "bytea"),
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
            Map.entry("replace", "REPLACE INTO is MySQL/SQLite; use INSERT ... ON CONFLICT (...) DO UPDATE"),
            Map.entry("describe", "DESCRIBE is MySQL; remove it (psql's \\d table shows a table)"),
            Map.entry("desc", "DESC table is MySQL; remove it (psql's \\d table shows a table)"));

    /** MySQL's SHOW forms; PostgreSQL's SHOW reads one setting (SHOW search_path, SHOW ALL). */
    private static final Set<String> MYSQL_SHOW = Set.of(
            "tables",
            "create",
            "columns",
            "fields",
            "databases",
            "schemas",
            "index",
            "indexes",
            "keys",
            "full",
            "grants",
            "status",
            "variables",
            "processlist",
            "warnings",
            "errors",
            "engines",
            "engine",
            "triggers",
            "procedure",
            "function",
            "table",
            "global",
            "open",
            "master",
            "slave",
            "binary",
            "character",
            "collation",
            "privileges",
            "profiles",
            "events",
            "plugins");

    /** SET of a MySQL or SQL Server session setting PostgreSQL lacks, and what to do instead. */
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry(
                    "foreign_key_checks",
                    "SET FOREIGN_KEY_CHECKS is MySQL; remove it (order the statements, "
                            + "or SET CONSTRAINTS ... DEFERRED)"),
            Map.entry("unique_checks", "SET UNIQUE_CHECKS is MySQL; remove it"),
            Map.entry("sql_mode", "SET SQL_MODE is MySQL; remove it"),
            Map.entry("sql_safe_updates", "SET SQL_SAFE_UPDATES is MySQL; remove it"),
            Map.entry("sql_notes", "SET SQL_NOTES is MySQL; remove it"),
            Map.entry("autocommit", "SET AUTOCOMMIT is MySQL; remove it (Flyway runs the file in a transaction)"),
            Map.entry("time_zone", "SET time_zone is MySQL; use SET LOCAL TimeZone = 'UTC'"),
            Map.entry("character_set_client", "SET character_set_client is MySQL; remove it (use client_encoding)"),
            Map.entry(
                    "identity_insert",
                    "SET IDENTITY_INSERT is SQL Server; insert into a GENERATED BY DEFAULT AS "
                            + "IDENTITY column (or use OVERRIDING SYSTEM VALUE), then setval the sequence"),
            Map.entry("nocount", "SET NOCOUNT is SQL Server; remove it"),
            Map.entry("ansi_nulls", "SET ANSI_NULLS is SQL Server; remove it"),
            Map.entry("ansi_padding", "SET ANSI_PADDING is SQL Server; remove it"),
            Map.entry("ansi_warnings", "SET ANSI_WARNINGS is SQL Server; remove it"),
            Map.entry("quoted_identifier", "SET QUOTED_IDENTIFIER is SQL Server; remove it"),
            Map.entry(
                    "xact_abort",
                    "SET XACT_ABORT is SQL Server; remove it (a failing statement aborts "
                            + "PostgreSQL's transaction anyway)"),
            Map.entry("arithabort", "SET ARITHABORT is SQL Server; remove it"));

    /** Oracle's sequence options; PostgreSQL writes NO CYCLE, NO MINVALUE, NO MAXVALUE and CACHE 1. */
    private static final Map<String, String> SEQUENCE_OPTIONS = Map.ofEntries(
            Map.entry("nocache", "NOCACHE is Oracle; use CACHE 1 (the default)"),
            Map.entry("nocycle", "NOCYCLE is Oracle; use NO CYCLE"),
            Map.entry("nomaxvalue", "NOMAXVALUE is Oracle; use NO MAXVALUE"),
            Map.entry("nominvalue", "NOMINVALUE is Oracle; use NO MINVALUE"),
            Map.entry("noorder", "NOORDER is Oracle; remove it"),
            Map.entry("order", "ORDER is Oracle's sequence option; remove it"));

    /** MySQL's INTERVAL units: INTERVAL expr UNIT. */
    private static final Set<String> INTERVAL_UNITS = Set.of(
            "microsecond",
            "second",
            "minute",
            "hour",
            "day",
            "week",
            "month",
            "quarter",
            "year",
            "second_microsecond",
            "minute_microsecond",
            "minute_second",
            "hour_microsecond",
            "hour_second",
            "hour_minute",
            "day_microsecond",
            "day_second",
            "day_minute",
            "day_hour",
            "year_month");

    /** Integer types, where MySQL writes a display width: int(11). */
    private static final Set<String> INTEGERS = Set.of("integer", "bigint", "smallint", "tinyint", "mediumint");

    /** Words after which [name] is SQL Server's quoting, not an array subscript. */
    private static final Set<String> BEFORE_BRACKETS = Set.of(
            "table",
            "into",
            "from",
            "select",
            "join",
            "update",
            "on",
            "by",
            "exec",
            "execute",
            "view",
            "column",
            "as",
            "where",
            "and",
            "or",
            "set",
            "procedure",
            "distinct",
            "exists",
            "references",
            "add",
            "drop",
            "alter",
            "insert",
            "delete",
            "trigger",
            "function",
            "schema",
            "database",
            "use",
            "if");

    @Override
    public void check(StatementContext context) {
        SqlStatement statement = context.statement;
        List<Token> tokens = statement.tokens();
        String command = COMMANDS.get(
                statement.first().kind() == Token.Kind.WORD ? statement.first().name() : "");
        if (command != null) {
            context.report(Rule.POSTGRES_ONLY, statement.first(), command);
        }
        statementForms(context);
        int depth = 0;
        boolean afterColumns = false;
        boolean bracketReported = false;
        boolean createTable = context.operation instanceof Operation.CreateTable create && !create.asQuery();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            afterColumns |= createTable && depth == 0 && token.isSymbol(")");
            String message =
                    foreign(tokens, i, depth == 0, afterColumns && depth == 0 && !token.isSymbol(")"), context);
            if (message != null && message.startsWith("[") && bracketReported) {
                continue; // one bracketed name per statement says it
            }
            if (message != null) {
                bracketReported |= message.startsWith("[");
                context.report(Rule.POSTGRES_ONLY, token, message);
            }
        }
        foreignTypes(context);
    }

    /** Statement shapes: MySQL's SET @var, SHOW, INSERT ... SET, multi-table UPDATE and DELETE, PREPARE ... FROM. */
    private static void statementForms(StatementContext context) {
        SqlStatement statement = context.statement;
        List<Token> tokens = statement.tokens();
        Token first = statement.first();
        Token second = tokens.size() > 1 ? tokens.get(1) : null;
        if (first.is("SET") && second != null && SETTINGS.containsKey(second.name())) {
            context.report(Rule.POSTGRES_ONLY, second, SETTINGS.get(second.name()));
        }
        if (first.is("SHOW")
                && second != null
                && second.kind() == Token.Kind.WORD
                && MYSQL_SHOW.contains(second.name())) {
            context.report(
                    Rule.POSTGRES_ONLY,
                    first,
                    "SHOW " + second.text().toUpperCase()
                            + " is MySQL; query information_schema or pg_catalog (or psql's \\d)");
        }
        if (context.operation instanceof Operation.Other other
                && other.command().equals("DROP INDEX ON")) {
            context.report(
                    Rule.POSTGRES_ONLY,
                    first,
                    "DROP INDEX name ON table is MySQL; use DROP INDEX CONCURRENTLY name (index names belong to "
                            + "the schema, not the table)");
        }
        if (first.is("INSERT")) {
            int at = afterName(tokens, indexOf(tokens, "INTO") + 1);
            if (at > 0 && at < tokens.size() && tokens.get(at).is("SET")) {
                context.report(
                        Rule.POSTGRES_ONLY,
                        tokens.get(at),
                        "INSERT ... SET col = value is MySQL; use INSERT INTO table (col, ...) VALUES (...)");
            }
        }
        if (first.is("UPDATE")) {
            int at = afterName(tokens, second != null && second.is("ONLY") ? 2 : 1);
            at += at < tokens.size() && tokens.get(at).is("AS")
                    ? 2
                    : at < tokens.size()
                                    && tokens.get(at).kind() == Token.Kind.WORD
                                    && !tokens.get(at).is("SET")
                                    && !isJoin(tokens.get(at))
                            ? 1
                            : 0;
            if (at < tokens.size() && (tokens.get(at).isSymbol(",") || isJoin(tokens.get(at)))) {
                context.report(
                        Rule.POSTGRES_ONLY,
                        tokens.get(at),
                        "a multi-table UPDATE (UPDATE a, b / UPDATE a JOIN b) is MySQL; use UPDATE a SET ... "
                                + "FROM b WHERE ...");
            }
        }
        if (first.is("DELETE") && second != null && !second.is("FROM")) {
            context.report(
                    Rule.POSTGRES_ONLY,
                    second,
                    "DELETE t FROM t JOIN ... is MySQL; use DELETE FROM t USING other WHERE ...");
        }
        if (first.is("PREPARE") && tokens.size() > 2 && tokens.get(2).is("FROM")) {
            context.report(
                    Rule.POSTGRES_ONLY,
                    tokens.get(2),
                    "PREPARE name FROM ... is MySQL; use PREPARE name (types) AS statement, or a DO block "
                            + "with EXECUTE format(...)");
        }
        if (first.is("EXECUTE") && tokens.stream().anyMatch(token -> token.is("USING"))) {
            context.report(
                    Rule.POSTGRES_ONLY, first, "EXECUTE name USING @var is MySQL; use EXECUTE name (value, ...)");
        } else if ((first.is("EXECUTE") || first.is("DEALLOCATE")) && second != null) {
            Token name = second.is("PREPARE") && tokens.size() > 2 ? tokens.get(2) : second;
            boolean mySqlPrepared = context.file.statements.stream()
                    .map(FileScope.Parsed::statement)
                    .anyMatch(earlier -> earlier.startsWith("PREPARE")
                            && earlier.tokens().size() > 2
                            && earlier.tokens().get(1).name().equals(name.name())
                            && earlier.tokens().get(2).is("FROM"));
            if (mySqlPrepared) {
                context.report(
                        Rule.POSTGRES_ONLY,
                        first,
                        first.text().toUpperCase() + " of a statement prepared with MySQL's PREPARE ... FROM; "
                                + "use PREPARE name AS ..., EXECUTE name (...), DEALLOCATE name, or a DO block");
            }
        }
        databaseOptions(context);
        routineBody(context);
    }

    /**
     * CREATE|ALTER DATABASE|SCHEMA name [DEFAULT] CHARACTER SET|CHARSET|COLLATE x: PostgreSQL's CREATE DATABASE
     * takes ENCODING, LOCALE and LC_COLLATE, and a schema has no encoding.
     */
    private static void databaseOptions(StatementContext context) {
        List<Token> tokens = context.statement.tokens();
        if (tokens.size() < 4
                || !(tokens.get(0).is("CREATE") || tokens.get(0).is("ALTER"))
                || !(tokens.get(1).is("DATABASE") || tokens.get(1).is("SCHEMA"))) {
            return;
        }
        for (int i = 3; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (token.is("CREATE")
                    || token.is("GRANT")
                    || token.isSymbol("(")
                    || tokens.get(i - 1).is("SET")) {
                return; // CREATE SCHEMA's own elements, or ALTER DATABASE ... SET a setting
            }
            boolean charset = token.is("CHARSET") || token.is("CHARACTER") && next != null && next.is("SET");
            if (charset || token.is("COLLATE")) {
                context.report(
                        Rule.POSTGRES_ONLY,
                        token,
                        (charset ? "CHARACTER SET" : "COLLATE") + " on a "
                                + tokens.get(1).text().toUpperCase()
                                + " is MySQL; remove it ("
                                + (tokens.get(1).is("DATABASE")
                                        ? "CREATE DATABASE takes ENCODING 'UTF8', LOCALE and LC_COLLATE"
                                        : "a schema has no encoding or collation")
                                + ")");
                return;
            }
        }
    }

    /** CREATE PROCEDURE|FUNCTION|TRIGGER ... BEGIN ... END without $$ quoting (BEGIN ATOMIC is PostgreSQL). */
    private static void routineBody(StatementContext context) {
        List<Token> tokens = context.statement.tokens();
        if (!context.statement.first().is("CREATE")) {
            return;
        }
        boolean routine = false;
        int depth = 0;
        for (int i = 1; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            routine |= i < 5 && (token.is("PROCEDURE") || token.is("FUNCTION") || token.is("TRIGGER"));
            if (routine
                    && depth == 0
                    && token.is("BEGIN")
                    && (i + 1 >= tokens.size() || !tokens.get(i + 1).is("ATOMIC"))) {
                context.report(
                        Rule.POSTGRES_ONLY,
                        token,
                        "a routine body of BEGIN ... END outside $$ quotes is MySQL/SQL Server; write "
                                + "AS $$ BEGIN ... END $$ LANGUAGE plpgsql");
                return;
            }
        }
    }

    private static boolean isJoin(Token token) {
        return token.is("JOIN")
                || token.is("INNER")
                || token.is("LEFT")
                || token.is("RIGHT")
                || token.is("CROSS")
                || token.is("STRAIGHT_JOIN");
    }

    private static int indexOf(List<Token> tokens, String word) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is(word)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the parenthesized list opening at {@code open} is followed by THEN: IF (cond) THEN. */
    private static boolean followedByThen(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            depth += tokens.get(i).isSymbol("(") ? 1 : tokens.get(i).isSymbol(")") ? -1 : 0;
            if (depth == 0) {
                return i + 1 < tokens.size() && tokens.get(i + 1).is("THEN");
            }
        }
        return false;
    }

    /** The index of ALTER TABLE [IF EXISTS] [ONLY] name's first action. */
    private static int firstAlterAction(List<Token> tokens) {
        int at = 2;
        at += at + 1 < tokens.size()
                        && tokens.get(at).is("IF")
                        && tokens.get(at + 1).is("EXISTS")
                ? 2
                : 0;
        at += at < tokens.size() && tokens.get(at).is("ONLY") ? 1 : 0;
        return afterName(tokens, at);
    }

    private static boolean hasTopLevelComma(List<Token> tokens) {
        int depth = 0;
        for (Token token : tokens) {
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            if (depth == 0 && token.isSymbol(",")) {
                return true;
            }
        }
        return false;
    }

    /** Inside the column list of PRIMARY KEY (...) or a UNIQUE (...) constraint (not CREATE UNIQUE INDEX). */
    private static boolean inKeyConstraint(List<Token> tokens, int at) {
        int depth = 0;
        for (int i = at - 1; i > 0; i--) {
            depth += tokens.get(i).isSymbol(")") ? 1 : tokens.get(i).isSymbol("(") ? -1 : 0;
            if (depth < 0) {
                Token before = tokens.get(i - 1);
                return before.is("KEY") && i >= 2 && tokens.get(i - 2).is("PRIMARY")
                        || before.is("UNIQUE") && !(i >= 2 && tokens.get(i - 2).is("CREATE"));
            }
        }
        return false;
    }

    /** A type name as the target of expr::type or CAST(expr AS type). */
    private static boolean castTarget(List<Token> tokens, int at) {
        Token previous = at > 0 ? tokens.get(at - 1) : null;
        if (previous == null) {
            return false;
        }
        if (previous.kind() == Token.Kind.OPERATOR && previous.text().equals("::")) {
            return true;
        }
        if (!previous.is("AS")) {
            return false;
        }
        int depth = 0;
        for (int i = at - 2; i > 0; i--) {
            depth += tokens.get(i).isSymbol(")") ? 1 : tokens.get(i).isSymbol("(") ? -1 : 0;
            if (depth < 0) {
                return tokens.get(i - 1).is("CAST") || tokens.get(i - 1).is("TRY_CAST");
            }
        }
        return false;
    }

    /** The index after a (schema-)qualified name starting at {@code at}, or 0 when there is none. */
    private static int afterName(List<Token> tokens, int at) {
        if (at <= 0
                || at >= tokens.size()
                || !tokens.get(at).isIdentifier() && tokens.get(at).kind() != Token.Kind.BACKTICK_IDENTIFIER) {
            return 0;
        }
        int i = at + 1;
        while (i + 1 < tokens.size() && tokens.get(i).isSymbol(".")) {
            i += 2;
        }
        return i;
    }

    /**
     * {@code topLevel}: outside parentheses; {@code tableOption}: after CREATE TABLE's column list,
     * where MySQL puts ENGINE=, CHARSET= and the like.
     */
    private static String foreign(
            List<Token> tokens, int i, boolean topLevel, boolean tableOption, StatementContext context) {
        Token token = tokens.get(i);
        Token previous = i > 0 ? tokens.get(i - 1) : null;
        Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
        boolean first = i == 0;
        if (token.kind() == Token.Kind.BACKTICK_IDENTIFIER) {
            return "backticks are MySQL; quote identifiers with double quotes: \"" + token.name() + "\"";
        }
        if (token.kind() == Token.Kind.OPERATOR && token.text().equals("@@") && next != null && next.is("IDENTITY")) {
            return "@@IDENTITY is SQL Server; use INSERT ... RETURNING";
        }
        if (token.kind() == Token.Kind.OPERATOR
                && (token.text().equals("@") || token.text().equals("@@"))
                && next != null
                && next.kind() == Token.Kind.WORD
                && next.offset() == token.endOffset()) {
            return token.text().equals("@@")
                    ? "@@" + next.text() + " system variables are MySQL/SQL Server; use current_setting('...')"
                    : "@" + next.text() + " user variables are MySQL; use a psql variable, a CTE, or a DO block's "
                            + "DECLARE";
        }
        if (token.isSymbol("[")
                && next != null
                && next.isIdentifier()
                && i + 2 < tokens.size()
                && tokens.get(i + 2).isSymbol("]")
                && (previous == null
                        || previous.isSymbol("(")
                        || previous.isSymbol(",")
                        || previous.isSymbol(".")
                        || previous.kind() == Token.Kind.WORD && BEFORE_BRACKETS.contains(previous.name()))) {
            return "[" + next.text() + "]: brackets around names are SQL Server; quote identifiers with double "
                    + "quotes: \"" + next.text() + "\"";
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
        if (word.equals("if") && call && !followedByThen(tokens, i + 1)) {
            // IF (cond) THEN is a routine's statement, reported with the routine body.
            return "IF(cond, a, b) is MySQL/SQLite; use CASE WHEN cond THEN a ELSE b END";
        }
        if (word.equals("datetime")
                && call
                && i + 2 < tokens.size()
                && tokens.get(i + 2).kind() != Token.Kind.NUMBER
                && !castTarget(tokens, i)) {
            // datetime(6) is MySQL's type, reported where types are; datetime('now') is SQLite's function.
            return "datetime(...) is SQLite's function; use now(), or ts + interval '...'";
        }
        if (word.equals("interval")
                && next != null
                && (next.kind() == Token.Kind.NUMBER || next.isIdentifier() && !INTERVAL_UNITS.contains(next.name()))
                && i + 2 < tokens.size()
                && tokens.get(i + 2).kind() == Token.Kind.WORD
                && INTERVAL_UNITS.contains(tokens.get(i + 2).name())
                && !next.is("AS")
                && previous != null
                && (previous.isSymbol("(")
                        || previous.isSymbol(",")
                        || previous.kind() == Token.Kind.OPERATOR
                                && !previous.text().equals("::")
                        || previous.kind() == Token.Kind.WORD
                                && Set.of("select", "then", "else", "when", "and", "or", "default", "return")
                                        .contains(previous.name()))) {
            // In an expression, PostgreSQL's interval literal is a string: INTERVAL '5' DAY parses, INTERVAL 5
            // DAY does not; after :: or a column name, interval is a type.
            String unit = tokens.get(i + 2).text().toLowerCase();
            return "INTERVAL " + next.text() + " " + unit.toUpperCase() + " is MySQL; write "
                    + (next.kind() == Token.Kind.NUMBER
                            ? "interval '" + next.text() + " " + unit + "'"
                            : next.text() + " * interval '1 " + unit + "'");
        }
        if (TYPES.containsKey(word)
                && castTarget(tokens, i)
                && !(word.equals("double") && next != null && next.is("PRECISION"))) {
            return token.text() + " is not a PostgreSQL type (it is " + dialectOf(word) + "); cast to "
                    + TYPES.get(word);
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
        if ((word.equals("algorithm") || word.equals("lock"))
                && !first
                && topLevel
                && next != null
                && next.isSymbol("=")) {
            return word.toUpperCase() + "= is MySQL's online-DDL option; remove it (PostgreSQL's online forms are "
                    + "CREATE INDEX CONCURRENTLY and ADD CONSTRAINT ... NOT VALID)";
        }
        if (tableOption) {
            String option = tableOption(token, previous, next);
            if (option != null) {
                return option;
            }
        }
        if (word.equals("max")
                && previous != null
                && previous.isSymbol("(")
                && next != null
                && next.isSymbol(")")
                && i >= 2
                && tokens.get(i - 2).kind() == Token.Kind.WORD
                && Set.of("varchar", "nvarchar", "varbinary", "char", "nchar")
                        .contains(tokens.get(i - 2).name())) {
            return tokens.get(i - 2).text() + "(MAX) is SQL Server; use text (or bytea)";
        }
        if (SEQUENCE_OPTIONS.containsKey(word)
                && (context.statement.startsWith("CREATE", "SEQUENCE")
                        || context.statement.startsWith("ALTER", "SEQUENCE"))) {
            return SEQUENCE_OPTIONS.get(word);
        }
        if (word.equals("rownum")
                && !(context.operation instanceof Operation.CreateTable)
                && !(context.operation instanceof Operation.AlterTable)
                && (previous == null || !previous.isSymbol(".") && !previous.is("AS"))) {
            return "ROWNUM is Oracle; use LIMIT n (or row_number() OVER (...))";
        }
        if (word.equals("if")
                && next != null
                && next.is("NOT")
                && previous != null
                && i <= 5
                && context.statement.first().is("CREATE")
                && Set.of("view", "trigger", "type", "function", "procedure", "database", "user", "role")
                        .contains(previous.name())) {
            return "CREATE " + previous.text().toUpperCase() + " IF NOT EXISTS is SQLite/MySQL; "
                    + (previous.is("TYPE") || previous.is("DATABASE") || previous.is("USER") || previous.is("ROLE")
                            ? "check pg_catalog in a DO block first"
                            : "use CREATE OR REPLACE " + previous.text().toUpperCase());
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
        if (word.equals("index")
                && previous != null
                && previous.is("UNIQUE")
                && context.operation instanceof Operation.CreateTable) {
            return "UNIQUE INDEX inside CREATE TABLE is MySQL/CockroachDB; use UNIQUE (col), or CREATE UNIQUE INDEX "
                    + "after the table";
        }
        if (word.equals("inverted")
                && next != null
                && next.is("INDEX")
                && context.statement.first().is("CREATE")) {
            return "INVERTED INDEX is CockroachDB; use CREATE INDEX ... USING gin (col)";
        }
        if (word.equals("storing") && call && context.statement.first().is("CREATE")) {
            return "STORING (...) is CockroachDB; use INCLUDE (...)";
        }
        if (word.equals("using")
                && next != null
                && next.is("HASH")
                && previous != null
                && previous.isSymbol(")")
                && context.statement.startsWith("CREATE")) {
            return "(cols) USING HASH is CockroachDB's hash-sharded index; remove it (PostgreSQL's USING hash goes "
                    + "before the columns and takes one column)";
        }
        if (word.equals("primary") && previous != null && previous.is("ALTER") && next != null && next.is("KEY")) {
            return "ALTER PRIMARY KEY USING COLUMNS is CockroachDB; use DROP CONSTRAINT table_pkey, "
                    + "ADD PRIMARY KEY (...)";
        }
        if (word.equals("if")
                && previous != null
                && i >= 2
                && tokens.get(i - 2).is("ADD")
                && previous.is("CONSTRAINT")) {
            return "ADD CONSTRAINT IF NOT EXISTS is CockroachDB; PostgreSQL has none: check pg_constraint in a DO "
                    + "block, or DROP CONSTRAINT IF EXISTS first";
        }
        if (word.equals("rename")
                && topLevel
                && context.statement.startsWith("ALTER", "TABLE")
                && (previous.isSymbol(",") || i == firstAlterAction(tokens) && hasTopLevelComma(tokens))) {
            return "RENAME among other ALTER TABLE actions is MySQL/CockroachDB; PostgreSQL renames in an ALTER "
                    + "TABLE of its own";
        }
        if ((word.equals("asc") || word.equals("desc")) && inKeyConstraint(tokens, i)) {
            return word.toUpperCase() + " in a PRIMARY KEY or UNIQUE constraint is MySQL/CockroachDB; remove it "
                    + "(order belongs to CREATE INDEX)";
        }
        return null;
    }

    /** MySQL's table options after CREATE TABLE's column list; PostgreSQL has WITH (...), TABLESPACE, PARTITION BY. */
    private static String tableOption(Token token, Token previous, Token next) {
        boolean assigned = next != null && next.isSymbol("=");
        return switch (token.name()) {
            case "engine" -> "ENGINE= is MySQL; remove it";
            case "charset" -> "CHARSET is MySQL; remove it (the database's encoding is UTF8)";
            case "character" ->
                next != null && next.is("SET")
                        ? "CHARACTER SET is MySQL; remove it (the database's encoding is UTF8)"
                        : null;
            case "collate" -> "COLLATE= on a table is MySQL; remove it, or put COLLATE \"...\" on a column";
            case "comment" ->
                assigned || next != null && next.kind() == Token.Kind.STRING
                        ? "a table COMMENT= is MySQL; use COMMENT ON TABLE name IS '...'"
                        : null;
            case "default" ->
                next != null && (next.is("CHARSET") || next.is("CHARACTER") || next.is("COLLATE"))
                        ? "DEFAULT " + next.text().toUpperCase() + " is MySQL; remove it"
                        : null;
            case "auto_increment", "row_format" -> null; // in WORDS
            default ->
                assigned && previous != null && !previous.isSymbol("(")
                        ? token.text().toUpperCase() + "= after CREATE TABLE's columns is a MySQL table option; "
                                + "remove it"
                        : null;
        };
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
                    generatedShorthand(context, column.tokens());
                });
            case Operation.AlterTable alter ->
                alter.actions().forEach(action -> {
                    switch (action) {
                        case Operation.AddColumn add -> {
                            foreignType(context, add.column().type());
                            commentClause(context, add.column().tokens());
                            generatedShorthand(context, add.column().tokens());
                        }
                        case Operation.AlterColumnType change -> foreignType(context, change.type());
                        case Operation.OtherAction other
                        when other.words().startsWith("MODIFY") || other.words().startsWith("CHANGE") ->
                            context.report(
                                    Rule.POSTGRES_ONLY,
                                    other.at(),
                                    other.words().split(" ")[0]
                                            + " is MySQL; use ALTER COLUMN ... TYPE (or RENAME COLUMN)");
                        case Operation.OtherAction other
                        when ALTER_ACTIONS.containsKey(other.words()) ->
                            context.report(
                                    Rule.POSTGRES_ONLY,
                                    other.at(),
                                    "ALTER TABLE ... " + other.words() + " is MySQL; "
                                            + ALTER_ACTIONS.get(other.words()));
                        default -> {}
                    }
                });
            default -> {}
        }
    }

    /** MySQL's index and key actions of ALTER TABLE, as the parser names them, and the PostgreSQL form. */
    private static final Map<String, String> ALTER_ACTIONS = Map.ofEntries(
            Map.entry("ADD INDEX", "use CREATE INDEX CONCURRENTLY name ON table (col)"),
            Map.entry("ADD KEY", "use CREATE INDEX CONCURRENTLY name ON table (col)"),
            Map.entry("ADD UNIQUE INDEX", "use CREATE UNIQUE INDEX CONCURRENTLY name ON table (col)"),
            Map.entry("ADD UNIQUE KEY", "use CREATE UNIQUE INDEX CONCURRENTLY name ON table (col)"),
            Map.entry("ADD FULLTEXT INDEX", "use a GIN index on to_tsvector(...)"),
            Map.entry("ADD FULLTEXT KEY", "use a GIN index on to_tsvector(...)"),
            Map.entry("ADD SPATIAL INDEX", "use a GiST index"),
            Map.entry("ADD SPATIAL KEY", "use a GiST index"),
            Map.entry("DROP INDEX", "use DROP INDEX CONCURRENTLY name"),
            Map.entry("DROP KEY", "use DROP INDEX CONCURRENTLY name"),
            Map.entry("DROP PRIMARY KEY", "use DROP CONSTRAINT table_pkey"),
            Map.entry("DROP FOREIGN KEY", "use DROP CONSTRAINT name"));

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
        if (type == null || type.at() == null || type.at().kind() != Token.Kind.WORD) {
            return;
        }
        if (TYPES.containsKey(type.canonical())) {
            context.report(
                    Rule.POSTGRES_ONLY,
                    type.at(),
                    type.at().text() + " is not a PostgreSQL type (it is " + dialectOf(type.canonical()) + "); use "
                            + TYPES.get(type.canonical()));
        }
        if (INTEGERS.contains(type.canonical()) && !type.modifiers().isEmpty()) {
            context.report(
                    Rule.POSTGRES_ONLY,
                    type.at(),
                    type.written() + ": a display width on an integer type is MySQL; write "
                            + (type.canonical().equals("tinyint") && type.length() == 1
                                    ? "boolean (tinyint(1) is MySQL's boolean)"
                                    : type.canonical().equals("tinyint")
                                                    || type.canonical().equals("mediumint")
                                            ? TYPES.get(type.canonical())
                                            : type.canonical())
                            + " without the width");
        }
        if (type.canonical().equals("bit")
                && type.modifiers().isEmpty()
                && !type.array()
                && !type.written().contains("(")) {
            context.report(
                    Rule.POSTGRES_ONLY,
                    type.at(),
                    "BIT as a flag is SQL Server/MySQL; use boolean (PostgreSQL's bit is a bit string: write bit(n) "
                            + "if you mean one)");
        }
    }

    /** The databases a foreign type comes from, for the message. */
    private static String dialectOf(String type) {
        return switch (type) {
            case "datetime" -> "MySQL/SQL Server/SQLite";
            case "tinyint" -> "MySQL/SQL Server";
            case "clob" -> "Oracle";
            case "blob" -> "MySQL/Oracle/SQLite";
            case "datetime2", "smalldatetime", "nvarchar", "ntext", "image", "uniqueidentifier" -> "SQL Server";
            case "binary", "varbinary" -> "MySQL/SQL Server";
            case "varchar2", "nvarchar2", "number" -> "Oracle";
            default -> "MySQL";
        };
    }

    /**
     * MySQL's generated column, col type AS (expr) [VIRTUAL|STORED]: in a PostgreSQL column, AS only follows
     * GENERATED ALWAYS or GENERATED BY DEFAULT.
     */
    private static void generatedShorthand(StatementContext context, List<Token> tokens) {
        int depth = 0;
        for (int i = 1; i + 1 < tokens.size(); i++) {
            Token token = tokens.get(i);
            depth += token.isSymbol("(") ? 1 : token.isSymbol(")") ? -1 : 0;
            if (depth == 0
                    && token.is("AS")
                    && tokens.get(i + 1).isSymbol("(")
                    && !tokens.get(i - 1).is("ALWAYS")
                    && !tokens.get(i - 1).is("DEFAULT")) {
                context.report(
                        Rule.POSTGRES_ONLY,
                        token,
                        "col type AS (expr) is MySQL's generated column; write GENERATED ALWAYS AS (expr) STORED");
                return;
            }
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
