package dev.keel.tools.sql;

import dev.keel.tools.sql.Operation.AddColumn;
import dev.keel.tools.sql.Operation.AddConstraint;
import dev.keel.tools.sql.Operation.AlterAction;
import dev.keel.tools.sql.Operation.AlterColumnType;
import dev.keel.tools.sql.Operation.ColumnDefinition;
import dev.keel.tools.sql.Operation.ConstraintDefinition;
import dev.keel.tools.sql.Operation.ConstraintKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads what a statement does from its tokens: a small recursive-descent parser for the DDL and
 * DML forms the migration rules reason about. Anything else is {@link Operation.Other}.
 */
public final class OperationParser {

    /** Words that end a column's DEFAULT expression or type: the start of the next column constraint. */
    private static final Set<String> COLUMN_CONSTRAINT_WORDS = Set.of(
            "NOT",
            "NULL",
            "CONSTRAINT",
            "PRIMARY",
            "UNIQUE",
            "REFERENCES",
            "CHECK",
            "GENERATED",
            "COLLATE",
            "DEFERRABLE",
            "INITIALLY",
            "DEFAULT",
            "USING");

    private static final Set<String> TABLE_CONSTRAINT_WORDS =
            Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "EXCLUDE");

    /**
     * Session settings of MySQL and SQL Server that PostgreSQL does not have: SET of one of these is
     * foreign syntax (the postgres-only rule says so), not a PostgreSQL setting.
     */
    public static final Set<String> FOREIGN_SETTINGS = Set.of(
            "foreign_key_checks",
            "unique_checks",
            "sql_mode",
            "sql_safe_updates",
            "sql_notes",
            "autocommit",
            "time_zone",
            "character_set_client",
            "identity_insert",
            "nocount",
            "ansi_nulls",
            "ansi_padding",
            "ansi_warnings",
            "quoted_identifier",
            "xact_abort",
            "arithabort");

    private OperationParser() {}

    public static Operation parse(SqlStatement statement) {
        TokenCursor cursor = new TokenCursor(statement.tokens());
        Token first = cursor.peek();
        String command = first.kind() == Token.Kind.WORD ? first.text().toUpperCase(Locale.ROOT) : first.text();
        return switch (command) {
            case "CREATE" -> create(cursor);
            case "ALTER" -> alter(cursor);
            case "DROP" -> drop(cursor);
            case "REINDEX" -> reindex(cursor);
            case "TRUNCATE" -> truncate(cursor);
            case "SET" -> set(cursor);
            case "SELECT" -> select(cursor);
            case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE" ->
                new Operation.TransactionControl(command);
            // PREPARE TRANSACTION; PREPARE name AS (PostgreSQL) or FROM (MySQL) prepares a statement
            case "PREPARE" ->
                statement.startsWith("PREPARE", "TRANSACTION")
                        ? new Operation.TransactionControl(command)
                        : new Operation.Other(command);
            case "DELETE" -> delete(cursor);
            case "UPDATE" -> update(cursor);
            case "INSERT" -> insert(cursor);
            case "VACUUM" -> vacuum(cursor);
            case "CLUSTER" -> {
                cursor.next();
                yield new Operation.LockTable("CLUSTER", cursor.qualifiedName(), false);
            }
            case "LOCK" -> lock(cursor);
            case "REFRESH" -> refresh(cursor);
            case "WITH" -> with(cursor);
            default -> new Operation.Other(command);
        };
    }

    private static Operation create(TokenCursor cursor) {
        cursor.next();
        cursor.accept("OR", "REPLACE");
        boolean temporary = cursor.accept("TEMPORARY")
                || cursor.accept("TEMP")
                || cursor.accept("GLOBAL", "TEMPORARY")
                || cursor.accept("LOCAL", "TEMPORARY");
        cursor.accept("UNLOGGED");
        if (cursor.accept("TABLE")) {
            return createTable(cursor, temporary);
        }
        if (cursor.accept("MATERIALIZED", "VIEW")) {
            cursor.accept("IF", "NOT", "EXISTS");
            return new Operation.CreateTable(
                    cursor.qualifiedName(), List.of(), List.of(), false, null, false, true, List.of());
        }
        boolean unique = cursor.accept("UNIQUE");
        if (cursor.accept("INDEX")) {
            return createIndex(cursor, unique);
        }
        if (cursor.accept("TYPE")) {
            QualifiedName type = cursor.qualifiedName();
            if (cursor.accept("AS", "ENUM")) {
                List<String> values = cursor.parenthesizedList().stream()
                        .filter(item -> item.size() == 1 && item.getFirst().kind() == Token.Kind.STRING)
                        .map(item -> item.getFirst().stringValue())
                        .toList();
                return new Operation.CreateEnum(type, values);
            }
            return new Operation.Other("CREATE TYPE");
        }
        if (cursor.accept("POLICY")) {
            return policy("CREATE POLICY", cursor);
        }
        cursor.accept("CONSTRAINT");
        if (cursor.accept("TRIGGER")) {
            return createTrigger(cursor);
        }
        Token kind = cursor.peek();
        return new Operation.Other("CREATE " + (kind == null ? "" : kind.text().toUpperCase(Locale.ROOT)));
    }

    private static Operation createTable(TokenCursor cursor, boolean temporary) {
        cursor.accept("IF", "NOT", "EXISTS");
        QualifiedName table = cursor.qualifiedName();
        if (cursor.accept("PARTITION", "OF")) {
            QualifiedName parent = cursor.qualifiedName();
            boolean partitioned = cursor.rest().stream().anyMatch(token -> token.is("PARTITION"));
            return new Operation.CreateTable(
                    table, List.of(), List.of(), temporary, parent, partitioned, false, List.of());
        }
        if (cursor.peekIs("AS") || cursor.peekIs("OF")) {
            return new Operation.CreateTable(table, List.of(), List.of(), temporary, null, false, true, List.of());
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        List<ConstraintDefinition> constraints = new ArrayList<>();
        List<QualifiedName> likes = new ArrayList<>();
        for (List<Token> element : cursor.parenthesizedList()) {
            if (element.isEmpty()) {
                continue;
            }
            if (element.getFirst().is("LIKE")) {
                TokenCursor like = new TokenCursor(element);
                like.next();
                likes.add(like.qualifiedName());
                continue;
            }
            Token head = element.getFirst();
            if (head.kind() == Token.Kind.WORD
                    && TABLE_CONSTRAINT_WORDS.contains(head.text().toUpperCase(Locale.ROOT))) {
                constraints.add(tableConstraint(new TokenCursor(element)));
            } else {
                columns.add(column(new TokenCursor(element)));
            }
        }
        List<Token> rest = cursor.rest();
        boolean asQuery = rest.stream().anyMatch(token -> token.is("AS")); // CREATE TABLE x (a, b) AS SELECT
        boolean partitioned = rest.stream().anyMatch(token -> token.is("PARTITION"));
        return new Operation.CreateTable(
                table, columns, constraints, temporary, null, partitioned, asQuery, List.copyOf(likes));
    }

    /** name type [constraints...] */
    static ColumnDefinition column(TokenCursor cursor) {
        List<Token> all = new ArrayList<>();
        for (int i = 0; cursor.peek(i) != null; i++) {
            all.add(cursor.peek(i));
        }
        Token name = cursor.next();
        TypeName type = type(cursor);
        List<Token> defaultExpression = List.of();
        List<Token> check = List.of();
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        boolean generatedStored = false;
        boolean identity = false;
        QualifiedName references = null;
        while (!cursor.atEnd()) {
            if (cursor.accept("CONSTRAINT")) {
                cursor.next();
            } else if (cursor.accept("NOT", "NULL")) {
                notNull = true;
            } else if (cursor.accept("NULL")) {
                notNull = false;
            } else if (cursor.accept("DEFAULT")) {
                defaultExpression = cursor.until(OperationParser::startsColumnConstraint);
            } else if (cursor.accept("PRIMARY", "KEY")) {
                primaryKey = true;
            } else if (cursor.accept("UNIQUE")) {
                unique = true;
            } else if (cursor.accept("REFERENCES")) {
                references = cursor.qualifiedName();
            } else if (cursor.accept("CHECK")) {
                check = cursor.parenthesizedList().stream()
                        .flatMap(List::stream)
                        .toList();
            } else if (cursor.accept("GENERATED")) {
                List<Token> rest = cursor.until(OperationParser::startsColumnConstraint);
                identity = rest.stream().anyMatch(token -> token.is("IDENTITY"));
                generatedStored = rest.stream().anyMatch(token -> token.is("STORED"));
            } else {
                cursor.next();
            }
        }
        return new ColumnDefinition(
                name,
                type,
                defaultExpression,
                notNull || primaryKey,
                primaryKey,
                unique,
                references,
                check,
                generatedStored,
                identity,
                List.copyOf(all));
    }

    private static boolean startsColumnConstraint(Token token) {
        return token.kind() == Token.Kind.WORD
                && COLUMN_CONSTRAINT_WORDS.contains(token.text().toUpperCase(Locale.ROOT));
    }

    /** A type name: qualified, multi-word (double precision, timestamp with time zone), modifiers, arrays. */
    static TypeName type(TokenCursor cursor) {
        Token first = cursor.peek();
        if (first == null || !first.isIdentifier()) {
            return new TypeName("", List.of(), false, "", first);
        }
        StringBuilder words = new StringBuilder(cursor.next().name());
        StringBuilder written = new StringBuilder(first.text());
        while (cursor.peekSymbol(".")
                && cursor.peek(1) != null
                && cursor.peek(1).isIdentifier()) {
            cursor.next();
            Token part = cursor.next();
            words.append('.').append(part.name());
            written.append('.').append(part.text());
        }
        List<Integer> modifiers = new ArrayList<>();
        while (true) {
            if (cursor.peekSymbol("(") && modifiers.isEmpty()) {
                for (List<Token> item : cursor.parenthesizedList()) {
                    if (item.size() == 1 && item.getFirst().kind() == Token.Kind.NUMBER) {
                        modifiers.add(modifier(item.getFirst().text()));
                    }
                }
                written.append(
                        modifiers.toString().replace('[', '(').replace(']', ')').replace(" ", ""));
                continue;
            }
            Token next = cursor.peek();
            if (next != null && continues(words.toString(), next)) {
                cursor.next();
                words.append(' ').append(next.name());
                written.append(' ').append(next.text());
                continue;
            }
            break;
        }
        boolean array = false;
        // text[], int[3][3], text ARRAY[4]: past the brackets only, so the constraints after them count.
        while (cursor.acceptSymbol("[")) {
            cursor.until(token -> token.isSymbol("]"));
            cursor.acceptSymbol("]");
            array = true;
        }
        if (cursor.accept("ARRAY")) {
            array = true;
            if (cursor.acceptSymbol("[")) {
                cursor.until(token -> token.isSymbol("]"));
                cursor.acceptSymbol("]");
            }
        }
        if (array) {
            written.append("[]");
        }
        return new TypeName(
                TypeName.canonical(words.toString()), List.copyOf(modifiers), array, written.toString(), first);
    }

    /** A length or precision as written (42, 0x2A, 1_000); out-of-range or odd forms count as "very large". */
    private static int modifier(String text) {
        String digits = text.replace("_", "").toLowerCase(Locale.ROOT);
        try {
            long value = digits.startsWith("0x")
                    ? Long.parseLong(digits.substring(2), 16)
                    : digits.startsWith("0o")
                            ? Long.parseLong(digits.substring(2), 8)
                            : digits.startsWith("0b") ? Long.parseLong(digits.substring(2), 2) : Long.parseLong(digits);
            return (int) Math.min(value, Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Whether {@code next} continues a multi-word type name such as double precision. */
    private static boolean continues(String words, Token next) {
        if (next.kind() != Token.Kind.WORD) {
            return false;
        }
        String word = next.text().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "precision" -> words.equals("double");
            case "varying" ->
                words.equals("character")
                        || words.equals("char")
                        || words.equals("bit")
                        || words.equals("national character")
                        || words.equals("national char");
            case "character", "char" -> words.equals("national");
            case "with", "without" -> words.equals("timestamp") || words.equals("time");
            case "time" -> words.endsWith(" with") || words.endsWith(" without");
            case "zone" -> words.endsWith(" time");
            default -> false;
        };
    }

    /** [CONSTRAINT name] PRIMARY KEY | UNIQUE | CHECK | FOREIGN KEY | EXCLUDE ... [NOT VALID] */
    static ConstraintDefinition tableConstraint(TokenCursor cursor) {
        Token at = cursor.peek();
        String name = null;
        if (cursor.accept("CONSTRAINT")) {
            name = cursor.next().name();
        }
        List<Token> body = cursor.rest();
        boolean notValid = false;
        int depth = 0;
        for (int i = 0; i + 1 < body.size(); i++) {
            depth += body.get(i).isSymbol("(") ? 1 : body.get(i).isSymbol(")") ? -1 : 0;
            notValid |=
                    depth == 0 && body.get(i).is("NOT") && body.get(i + 1).is("VALID"); // not "OR NOT valid" in a CHECK
        }
        TokenCursor inner = new TokenCursor(body);
        ConstraintKind kind;
        List<String> columns = new ArrayList<>();
        List<Token> expression = List.of();
        QualifiedName references = null;
        boolean usingIndex = false;
        if (inner.accept("PRIMARY", "KEY") || inner.peekIs("UNIQUE")) {
            kind = body.getFirst().is("UNIQUE") ? ConstraintKind.UNIQUE : ConstraintKind.PRIMARY_KEY;
            inner.accept("UNIQUE");
            inner.accept("NULLS", "NOT", "DISTINCT");
            inner.accept("NULLS", "DISTINCT");
            usingIndex = inner.peekIs("USING", "INDEX");
            inner.parenthesizedList()
                    .forEach(item -> columns.add(item.getFirst().name()));
        } else if (inner.accept("CHECK")) {
            kind = ConstraintKind.CHECK;
            expression =
                    inner.parenthesizedList().stream().flatMap(List::stream).toList();
        } else if (inner.accept("FOREIGN", "KEY")) {
            kind = ConstraintKind.FOREIGN_KEY;
            inner.parenthesizedList()
                    .forEach(item -> columns.add(item.getFirst().name()));
            if (inner.accept("REFERENCES")) {
                references = inner.qualifiedName();
            }
        } else if (inner.accept("EXCLUDE")) {
            kind = ConstraintKind.EXCLUDE;
        } else {
            kind = ConstraintKind.NOT_NULL;
        }
        return new ConstraintDefinition(
                name, kind, List.copyOf(columns), expression, references, notValid, usingIndex, at);
    }

    private static Operation createIndex(TokenCursor cursor, boolean unique) {
        Token at = cursor.last();
        boolean concurrently = cursor.accept("CONCURRENTLY");
        cursor.accept("IF", "NOT", "EXISTS");
        String name = null;
        if (!cursor.peekIs("ON")) {
            QualifiedName indexName = cursor.qualifiedName();
            name = indexName == null ? null : indexName.name();
        }
        cursor.accept("ON");
        boolean only = cursor.accept("ONLY");
        QualifiedName table = cursor.qualifiedName();
        if (cursor.accept("USING")) {
            cursor.next(); // the access method
        }
        List<List<Token>> keys = cursor.peekSymbol("(") ? cursor.parenthesizedList() : List.of();
        List<Token> rest = cursor.rest();
        List<Token> predicate = List.of();
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).is("WHERE")) {
                predicate = List.copyOf(rest.subList(i + 1, rest.size()));
                break;
            }
        }
        return new Operation.CreateIndex(name, table, unique, concurrently, only, keys, predicate, at);
    }

    private static Operation createTrigger(TokenCursor cursor) {
        QualifiedName name = cursor.qualifiedName();
        cursor.until(token -> token.is("ON"));
        cursor.accept("ON");
        QualifiedName table = cursor.qualifiedName();
        cursor.until(token -> token.is("EXECUTE"));
        cursor.accept("EXECUTE");
        if (!cursor.accept("FUNCTION")) {
            cursor.accept("PROCEDURE");
        }
        return new Operation.CreateTrigger(name == null ? null : name.name(), table, cursor.qualifiedName());
    }

    private static Operation alter(TokenCursor cursor) {
        cursor.next();
        if (cursor.accept("TYPE")) {
            QualifiedName type = cursor.qualifiedName();
            if (cursor.accept("ADD", "VALUE")) {
                Token at = cursor.last();
                cursor.accept("IF", "NOT", "EXISTS");
                Token value = cursor.next();
                boolean positioned = cursor.peekIs("BEFORE") || cursor.peekIs("AFTER");
                return new Operation.AddEnumValue(type, value == null ? "" : value.stringValue(), positioned, at);
            }
            return new Operation.Other("ALTER TYPE");
        }
        if (cursor.accept("POLICY")) {
            return policy("ALTER POLICY", cursor);
        }
        if (!cursor.accept("TABLE")) {
            Token kind = cursor.peek();
            return new Operation.Other(
                    "ALTER " + (kind == null ? "" : kind.text().toUpperCase(Locale.ROOT)));
        }
        cursor.accept("IF", "EXISTS");
        cursor.accept("ONLY");
        QualifiedName table = cursor.qualifiedName();
        cursor.acceptSymbol("*");
        List<AlterAction> actions = new ArrayList<>();
        for (List<Token> action : TokenCursor.splitOnCommas(cursor.rest())) {
            if (!action.isEmpty()) {
                actions.add(alterAction(new TokenCursor(action)));
            }
        }
        return new Operation.AlterTable(table, List.copyOf(actions));
    }

    private static AlterAction alterAction(TokenCursor cursor) {
        Token at = cursor.peek();
        if (cursor.accept("ADD")) {
            Token next = cursor.peek();
            String mySqlIndex = mySqlIndex(cursor.remaining());
            if (mySqlIndex != null) {
                return new Operation.OtherAction("ADD " + mySqlIndex, at);
            }
            if (next != null
                    && next.kind() == Token.Kind.WORD
                    && TABLE_CONSTRAINT_WORDS.contains(next.text().toUpperCase(Locale.ROOT))) {
                return new AddConstraint(tableConstraint(cursor), at);
            }
            cursor.accept("COLUMN");
            cursor.accept("IF", "NOT", "EXISTS");
            return new AddColumn(column(cursor), at);
        }
        if (cursor.accept("DROP", "CONSTRAINT")) {
            cursor.accept("IF", "EXISTS");
            return new Operation.DropConstraint(cursor.next().name(), at);
        }
        if (cursor.peekIs("DROP")) {
            List<Token> rest = cursor.remaining().subList(1, cursor.remaining().size());
            boolean named = rest.size() == 2 && rest.get(1).isIdentifier();
            if (named && (rest.getFirst().is("INDEX") || rest.getFirst().is("KEY"))
                    || rest.size() == 2
                            && (rest.getFirst().is("PRIMARY") || rest.getFirst().is("FOREIGN"))
                            && rest.get(1).is("KEY")
                    || rest.size() == 3
                            && rest.getFirst().is("FOREIGN")
                            && rest.get(1).is("KEY")) {
                return new Operation.OtherAction(
                        "DROP " + rest.getFirst().text().toUpperCase(Locale.ROOT)
                                + (rest.get(1).is("KEY") ? " KEY" : ""),
                        at);
            }
        }
        if (cursor.accept("DROP")) {
            if (!cursor.accept("COLUMN")
                    && (cursor.peek() == null || !cursor.peek().isIdentifier())) {
                return new Operation.OtherAction("DROP", at);
            }
            cursor.accept("IF", "EXISTS");
            return new Operation.DropColumn(cursor.next().name(), at);
        }
        if (cursor.accept("VALIDATE", "CONSTRAINT")) {
            return new Operation.ValidateConstraint(cursor.next().name(), at);
        }
        if (cursor.accept("RENAME", "CONSTRAINT")) {
            String from = cursor.next().name();
            cursor.accept("TO");
            return new Operation.RenameConstraint(from, cursor.next().name(), at);
        }
        if (cursor.accept("RENAME", "TO")) {
            return new Operation.RenameTable(cursor.next().name(), at);
        }
        if (cursor.accept("RENAME")) {
            cursor.accept("COLUMN");
            String from = cursor.next().name();
            cursor.accept("TO");
            Token to = cursor.next();
            return new Operation.RenameColumn(from, to == null ? "" : to.name(), at);
        }
        if (cursor.peekIs("ALTER")) {
            cursor.next();
            cursor.accept("COLUMN");
            String column = cursor.next().name();
            if (cursor.accept("SET", "DATA", "TYPE") || cursor.accept("TYPE")) {
                TypeName type = type(cursor);
                List<Token> rest = cursor.rest();
                return new AlterColumnType(
                        column,
                        type,
                        computesNewValues(rest, column),
                        rest.stream().anyMatch(token -> token.is("COLLATE")),
                        at);
            }
            if (cursor.accept("SET", "DEFAULT")) {
                return new Operation.SetDefault(column, cursor.rest(), at);
            }
            if (cursor.accept("DROP", "DEFAULT")) {
                return new Operation.DropDefault(column, at);
            }
            if (cursor.accept("SET", "NOT", "NULL")) {
                return new Operation.SetNotNull(column, at);
            }
            if (cursor.accept("DROP", "NOT", "NULL")) {
                return new Operation.DropNotNull(column, at);
            }
        }
        StringBuilder words = new StringBuilder();
        for (Token token : cursor.rest()) {
            if (token.kind() != Token.Kind.WORD || words.length() > 40) {
                break;
            }
            words.append(words.isEmpty() ? "" : " ").append(token.text().toUpperCase(Locale.ROOT));
        }
        return new Operation.OtherAction(words.toString(), at);
    }

    /** name ON table, after CREATE, ALTER or DROP POLICY. */
    private static Operation policy(String command, TokenCursor cursor) {
        cursor.next();
        return cursor.accept("ON")
                ? new Operation.PolicyChange(command, cursor.qualifiedName())
                : new Operation.Other(command);
    }

    /**
     * MySQL's ADD [UNIQUE|FULLTEXT|SPATIAL] {INDEX|KEY} [name] (cols) in ALTER TABLE, as the words
     * that name it, or null; ADD key text and ADD index varchar(10) add columns named key and index.
     */
    private static String mySqlIndex(List<Token> rest) {
        int i = 0;
        String kind = "";
        if (i < rest.size()
                && (rest.get(i).is("UNIQUE")
                        || rest.get(i).is("FULLTEXT")
                        || rest.get(i).is("SPATIAL"))) {
            kind = rest.get(i).text().toUpperCase(Locale.ROOT) + " ";
            i++;
        }
        if (i >= rest.size() || !(rest.get(i).is("INDEX") || rest.get(i).is("KEY"))) {
            return null;
        }
        String words = kind + rest.get(i).text().toUpperCase(Locale.ROOT);
        i++;
        if (i < rest.size() && rest.get(i).isSymbol("(")) {
            return words;
        }
        boolean named = i + 2 < rest.size()
                && rest.get(i).isIdentifier()
                && rest.get(i + 1).isSymbol("(")
                && rest.get(i + 2).kind() != Token.Kind.NUMBER;
        return named || !kind.isEmpty() && i < rest.size() && rest.get(i).isIdentifier() ? words : null;
    }

    private static Operation drop(TokenCursor cursor) {
        cursor.next();
        if (cursor.accept("INDEX")) {
            boolean concurrently = cursor.accept("CONCURRENTLY");
            cursor.accept("IF", "EXISTS");
            boolean on = cursor.remaining().stream().anyMatch(token -> token.is("ON"));
            List<QualifiedName> indexes = names(cursor);
            if (on) {
                return new Operation.Other("DROP INDEX ON"); // MySQL's DROP INDEX i ON t
            }
            return new Operation.DropIndex(indexes, concurrently);
        }
        if (cursor.accept("TRIGGER")) {
            cursor.accept("IF", "EXISTS");
            Token name = cursor.next();
            cursor.accept("ON");
            return new Operation.DropTrigger(name == null ? null : name.name(), cursor.qualifiedName());
        }
        if (cursor.accept("POLICY")) {
            cursor.accept("IF", "EXISTS");
            return policy("DROP POLICY", cursor);
        }
        StringBuilder kind = new StringBuilder();
        while (cursor.peek() != null
                && cursor.peek().kind() == Token.Kind.WORD
                && !cursor.peekIs("IF")
                && kind.length() < 40
                && (kind.isEmpty()
                        || cursor.peekIs("VIEW")
                        || cursor.peekIs("TABLE")
                        || cursor.peekIs("WRAPPER")
                        || cursor.peekIs("SEARCH")
                        || cursor.peekIs("DATA"))) {
            kind.append(kind.isEmpty() ? "" : " ").append(cursor.next().text().toUpperCase(Locale.ROOT));
        }
        cursor.accept("IF", "EXISTS");
        List<QualifiedName> names = names(cursor);
        boolean cascade = cursor.rest().stream().anyMatch(token -> token.is("CASCADE"));
        return new Operation.Drop(kind.toString(), names, cascade);
    }

    private static List<QualifiedName> names(TokenCursor cursor) {
        List<QualifiedName> names = new ArrayList<>();
        QualifiedName name;
        while ((name = cursor.qualifiedName()) != null) {
            names.add(name);
            if (cursor.peekSymbol("(")) {
                cursor.parenthesizedList(); // a function's argument list
            }
            if (!cursor.acceptSymbol(",")) {
                break;
            }
        }
        return names;
    }

    private static Operation reindex(TokenCursor cursor) {
        cursor.next();
        List<List<Token>> options = cursor.parenthesizedList();
        boolean concurrently = options.stream()
                .anyMatch(option -> !option.isEmpty() && option.getFirst().is("CONCURRENTLY"));
        Token kind = cursor.next();
        concurrently |= cursor.accept("CONCURRENTLY");
        return new Operation.Reindex(
                kind == null ? "" : kind.text().toUpperCase(Locale.ROOT), cursor.qualifiedName(), concurrently);
    }

    private static Operation truncate(TokenCursor cursor) {
        cursor.next();
        cursor.accept("TABLE");
        cursor.accept("ONLY");
        List<QualifiedName> tables = names(cursor);
        boolean cascade = cursor.rest().stream().anyMatch(token -> token.is("CASCADE"));
        return new Operation.Truncate(tables, cascade);
    }

    private static Operation set(TokenCursor cursor) {
        Token at = cursor.next();
        boolean local = cursor.accept("LOCAL");
        cursor.accept("SESSION");
        Token parameter = cursor.next();
        if (parameter == null || !parameter.isIdentifier()) {
            return new Operation.Other("SET"); // SET @variable (MySQL)
        }
        if (FOREIGN_SETTINGS.contains(parameter.name())) {
            return new Operation.Other("SET " + parameter.name());
        }
        if (!cursor.acceptSymbol("=")) {
            cursor.accept("TO");
        }
        StringBuilder value = new StringBuilder();
        for (Token token : cursor.rest()) {
            value.append(token.kind() == Token.Kind.STRING ? token.stringValue() : token.text());
        }
        return new Operation.SetParameter(parameter.name(), value.toString(), local, at);
    }

    /** SELECT set_config('lock_timeout', '5s', true) counts as SET LOCAL; other SELECTs are just queries. */
    private static Operation select(TokenCursor cursor) {
        List<Token> tokens = cursor.rest();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("set_config") && tokens.get(i + 1).isSymbol("(")) {
                List<List<Token>> arguments = new TokenCursor(tokens.subList(i + 1, tokens.size())).parenthesizedList();
                if (arguments.size() == 3
                        && arguments.get(0).size() == 1
                        && arguments.get(1).size() == 1) {
                    return new Operation.SetParameter(
                            arguments.get(0).getFirst().stringValue().toLowerCase(Locale.ROOT),
                            arguments.get(1).getFirst().stringValue(),
                            arguments.get(2).size() == 1
                                    && arguments.get(2).getFirst().is("true"),
                            tokens.get(i));
                }
            }
        }
        return new Operation.Other("SELECT");
    }

    private static Operation delete(TokenCursor cursor) {
        cursor.next();
        cursor.accept("FROM");
        cursor.accept("ONLY");
        return new Operation.Delete(cursor.qualifiedName());
    }

    private static Operation update(TokenCursor cursor) {
        cursor.next();
        cursor.accept("ONLY");
        QualifiedName table = cursor.qualifiedName();
        boolean hasWhere = cursor.rest().stream().anyMatch(token -> token.is("WHERE"));
        return new Operation.Update(table, hasWhere);
    }

    private static Operation insert(TokenCursor cursor) {
        cursor.next();
        if (!cursor.accept("INTO")) {
            return new Operation.Other("INSERT");
        }
        return new Operation.Insert(cursor.qualifiedName());
    }

    private static Operation vacuum(TokenCursor cursor) {
        cursor.next();
        List<List<Token>> options = cursor.parenthesizedList();
        boolean full = cursor.accept("FULL")
                || options.stream()
                        .anyMatch(
                                option -> !option.isEmpty() && option.getFirst().is("FULL"));
        if (!full) {
            return new Operation.Other("VACUUM");
        }
        cursor.accept("FREEZE");
        cursor.accept("VERBOSE");
        cursor.accept("ANALYZE");
        return new Operation.LockTable("VACUUM FULL", cursor.qualifiedName(), false);
    }

    /** LOCK TABLE t [IN mode MODE]: only the modes that block writes matter to the rules. */
    private static Operation lock(TokenCursor cursor) {
        cursor.next();
        cursor.accept("TABLE");
        cursor.accept("ONLY");
        List<QualifiedName> tables = names(cursor);
        QualifiedName table = tables.isEmpty() ? null : tables.getFirst();
        List<Token> rest = cursor.rest();
        String mode = rest.stream()
                .filter(token ->
                        token.kind() == Token.Kind.WORD && !token.is("IN") && !token.is("MODE") && !token.is("NOWAIT"))
                .map(token -> token.text().toUpperCase(Locale.ROOT))
                .reduce((a, b) -> a + " " + b)
                .orElse("ACCESS EXCLUSIVE");
        boolean blocksWrites = Set.of("ACCESS EXCLUSIVE", "EXCLUSIVE", "SHARE ROW EXCLUSIVE", "SHARE")
                .contains(mode);
        return blocksWrites
                ? new Operation.LockTable("LOCK TABLE IN " + mode + " MODE", table, false)
                : new Operation.Other("LOCK");
    }

    /** A data-modifying CTE deletes or updates like the plain statement does. */
    private static Operation with(TokenCursor cursor) {
        List<Token> tokens = cursor.rest();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("DELETE") && tokens.get(i + 1).is("FROM")) {
                return delete(new TokenCursor(tokens.subList(i, tokens.size())));
            }
            if (tokens.get(i).is("UPDATE")
                    && tokens.get(i + 1).isIdentifier()
                    && (i == 0
                            || !tokens.get(i - 1).is("FOR")
                                    && !tokens.get(i - 1).is("ON")
                                    && !tokens.get(i - 1).is("DO"))) {
                return update(new TokenCursor(tokens.subList(i, tokens.size())));
            }
        }
        return new Operation.Other("WITH");
    }

    private static Operation refresh(TokenCursor cursor) {
        cursor.next();
        cursor.accept("MATERIALIZED", "VIEW");
        boolean concurrently = cursor.accept("CONCURRENTLY");
        return new Operation.LockTable("REFRESH MATERIALIZED VIEW", cursor.qualifiedName(), concurrently);
    }

    /** Statements PostgreSQL refuses inside a transaction block. */
    static boolean cannotRunInTransaction(Operation operation, SqlStatement statement) {
        return switch (operation) {
            case Operation.CreateIndex index -> index.concurrently();
            case Operation.DropIndex index -> index.concurrently();
            case Operation.Reindex reindex ->
                reindex.concurrently()
                        || reindex.targetKind().equals("DATABASE")
                        || reindex.targetKind().equals("SYSTEM")
                        || reindex.targetKind().equals("SCHEMA");
            case Operation.LockTable lock -> lock.command().equals("VACUUM FULL");
            case Operation.AlterTable alter ->
                alter.actions().stream()
                        .anyMatch(action -> action instanceof Operation.OtherAction other
                                && other.words().startsWith("DETACH PARTITION")
                                && statement.tokens().stream().anyMatch(token -> token.is("CONCURRENTLY")));
            case Operation.Other other ->
                other.command().equals("VACUUM")
                        || other.command().equals("CREATE DATABASE")
                        || statement.startsWith("ALTER", "SYSTEM")
                        || statement.startsWith("CREATE", "TABLESPACE");
            case Operation.Drop drop ->
                drop.objectKind().equals("DATABASE") || drop.objectKind().equals("TABLESPACE");
            default -> false;
        };
    }

    /**
     * Whether Flyway's own parser sees that the statement cannot run in a transaction. It misses
     * REINDEX INDEX|TABLE ... CONCURRENTLY and DETACH PARTITION ... CONCURRENTLY: a file with those
     * needs a script config (V...sql.conf with executeInTransaction=false) or Flyway wraps it in one.
     */
    static boolean flywaySeesNonTransactional(Operation operation, SqlStatement statement) {
        if (operation instanceof Operation.Reindex reindex
                && (reindex.targetKind().equals("INDEX") || reindex.targetKind().equals("TABLE"))) {
            return false;
        }
        if (operation instanceof Operation.AlterTable) {
            return false;
        }
        return cannotRunInTransaction(operation, statement);
    }

    /** Parses, and reads SQL the parser does not follow as a statement the rules have nothing to say about. */
    /**
     * Whether ALTER COLUMN ... TYPE has a USING that computes new values. {@code USING col} and
     * {@code USING col::type} say what PostgreSQL does without one, so the type change alone decides.
     */
    private static boolean computesNewValues(List<Token> rest, String column) {
        int using = -1;
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).is("USING")) {
                using = i;
                break;
            }
        }
        if (using < 0) {
            return false;
        }
        List<Token> expression = rest.subList(using + 1, rest.size());
        boolean theColumn = !expression.isEmpty()
                && expression.getFirst().isIdentifier()
                && expression.getFirst().name().equals(column);
        boolean castAtMost = expression.size() == 1
                || expression.size() > 2
                        && expression.get(1).isSymbol("::")
                        && expression.subList(2, expression.size()).stream()
                                .allMatch(token -> token.kind() == Token.Kind.WORD
                                        || token.kind() == Token.Kind.NUMBER
                                        || token.isSymbol("(")
                                        || token.isSymbol(")")
                                        || token.isSymbol(",")
                                        || token.isSymbol("[")
                                        || token.isSymbol("]"));
        return !(theColumn && castAtMost);
    }

    public static Operation safeParse(SqlStatement statement) {
        try {
            return parse(statement);
        } catch (RuntimeException e) {
            return new Operation.Other("?");
        }
    }
}
