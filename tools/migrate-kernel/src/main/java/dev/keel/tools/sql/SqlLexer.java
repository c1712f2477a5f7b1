package dev.keel.tools.sql;

import dev.keel.tools.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's lexical rules, as its scanner applies them: block comments nest, '' doubles a
 * quote, E'' strings take backslash escapes, $tag$ quotes bodies, "..." quotes identifiers, and
 * Flyway's ${placeholders} are single tokens. Whitespace is dropped; comments are kept.
 *
 * <p>A MySQL client's {@code DELIMITER //} line, at the start of a statement, is read as MySQL's
 * client reads it, so a file brought from MySQL splits where its author meant: the word, then its
 * argument as a {@link Kind#DELIMITER} token, and from then on each occurrence of that delimiter is a
 * {@link Kind#DELIMITER} token too (until {@code DELIMITER ;}). None of this is PostgreSQL; the
 * postgres-only rule reports the DELIMITER line.
 */
public final class SqlLexer {

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int position;
    private int line = 1;
    private int lineStart;
    /** The MySQL client delimiter in force, or null for ;. */
    private String delimiter;
    /** Whether the next significant token starts a statement. */
    private boolean statementStart = true;

    private SqlLexer(String sql) {
        this.sql = sql;
        this.position = sql.startsWith("\uFEFF") ? 1 : 0; // a byte order mark, as editors write and Flyway skips
        this.lineStart = position;
    }

    /** Every token of {@code sql}, comments included, in order. */
    public static List<Token> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        lexer.run();
        return List.copyOf(lexer.tokens);
    }

    private void run() {
        while (position < sql.length()) {
            char c = sql.charAt(position);
            if (c == '\n') {
                newLine(position);
                position++;
            } else if (Character.isWhitespace(c)) {
                position++;
            } else if (delimiter != null && sql.startsWith(delimiter, position)) {
                emit(Kind.DELIMITER, position + delimiter.length());
            } else if (statementStart && isDelimiterCommand()) {
                delimiterCommand();
            } else if (c == '-' && peek(1) == '-') {
                int end = sql.indexOf('\n', position);
                emit(Kind.LINE_COMMENT, end < 0 ? sql.length() : end);
            } else if (c == '/' && peek(1) == '*') {
                emit(Kind.BLOCK_COMMENT, blockCommentEnd());
            } else if (c == '\'') {
                emit(Kind.STRING, quotedEnd(position, '\'', false));
            } else if (c == '"') {
                emit(Kind.QUOTED_IDENTIFIER, quotedEnd(position, '"', false));
            } else if (c == '`') {
                emit(Kind.BACKTICK_IDENTIFIER, quotedEnd(position, '`', false));
            } else if (c == '$') {
                dollar();
            } else if (Character.isDigit(c) || (c == '.' && Character.isDigit(peek(1)))) {
                emit(Kind.NUMBER, numberEnd());
            } else if (isIdentifierStart(c)) {
                word();
            } else if (c == ':' && peek(1) == ':') {
                emit(Kind.OPERATOR, position + 2);
            } else if ("(),;.[]:".indexOf(c) >= 0) {
                emit(Kind.PUNCTUATION, position + 1);
            } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
                emit(Kind.OPERATOR, operatorEnd());
            } else {
                throw error("unexpected character '" + c + "'");
            }
        }
    }

    /** DELIMITER, then spaces, then something, at the start of a statement. */
    private boolean isDelimiterCommand() {
        int end = position + "DELIMITER".length();
        return sql.regionMatches(true, position, "DELIMITER", 0, "DELIMITER".length())
                && end < sql.length()
                && (sql.charAt(end) == ' ' || sql.charAt(end) == '\t');
    }

    /** MySQL's client takes the rest of the line's first word as the new delimiter. */
    private void delimiterCommand() {
        int wordEnd = position + "DELIMITER".length();
        emit(Kind.WORD, wordEnd);
        while (position < sql.length() && (sql.charAt(position) == ' ' || sql.charAt(position) == '\t')) {
            position++;
        }
        int end = position;
        while (end < sql.length() && !Character.isWhitespace(sql.charAt(end))) {
            end++;
        }
        if (end == position) {
            return;
        }
        String chosen = sql.substring(position, end);
        emit(Kind.DELIMITER, end);
        delimiter = chosen.equals(";") ? null : chosen;
    }

    private void word() {
        int end = position + 1;
        while (end < sql.length()
                && isIdentifierPart(sql.charAt(end))
                && (delimiter == null || !sql.startsWith(delimiter, end))) {
            end++;
        }
        String word = sql.substring(position, end);
        char next = end < sql.length() ? sql.charAt(end) : '\0';
        if (next == '\'' && word.length() == 1 && "eEbBxXnN".indexOf(word.charAt(0)) >= 0) {
            emit(Kind.STRING, quotedEnd(end, '\'', word.equalsIgnoreCase("e")));
        } else if (word.equalsIgnoreCase("u")
                && next == '&'
                && end + 1 < sql.length()
                && (sql.charAt(end + 1) == '\'' || sql.charAt(end + 1) == '"')) {
            char quote = sql.charAt(end + 1);
            emit(quote == '"' ? Kind.QUOTED_IDENTIFIER : Kind.STRING, quotedEnd(end + 1, quote, false));
        } else {
            emit(Kind.WORD, end);
        }
    }

    private void dollar() {
        if (peek(1) == '{') {
            int close = sql.indexOf('}', position);
            if (close < 0) {
                throw error("unterminated placeholder");
            }
            emit(Kind.PLACEHOLDER, close + 1);
            return;
        }
        if (Character.isDigit(peek(1))) {
            int end = position + 1;
            while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
                end++;
            }
            emit(Kind.PARAMETER, end);
            return;
        }
        int tagEnd = position + 1;
        while (tagEnd < sql.length() && isIdentifierPart(sql.charAt(tagEnd)) && sql.charAt(tagEnd) != '$') {
            tagEnd++;
        }
        if (tagEnd >= sql.length() || sql.charAt(tagEnd) != '$') {
            throw error("a lone '$' (not $1, $$, $tag$ or ${placeholder})");
        }
        String tag = sql.substring(position, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        if (close < 0) {
            throw error("unterminated dollar-quoted string " + tag);
        }
        emit(Kind.DOLLAR_STRING, close + tag.length());
    }

    private int blockCommentEnd() {
        int depth = 0;
        int i = position;
        while (i < sql.length()) {
            if (sql.startsWith("/*", i)) {
                depth++;
                i += 2;
            } else if (sql.startsWith("*/", i)) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        throw error("unterminated /* comment");
    }

    private int quotedEnd(int quoteAt, char quote, boolean backslashEscapes) {
        int i = quoteAt + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (backslashEscapes && c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw error(
                switch (quote) {
                    case '"' -> "unterminated quoted identifier";
                    case '`' -> "unterminated backtick identifier";
                    default -> "unterminated string";
                });
    }

    private int numberEnd() {
        int i = position;
        if (sql.startsWith("0x", i) || sql.startsWith("0X", i)) {
            i += 2;
            while (i < sql.length() && (Character.digit(sql.charAt(i), 16) >= 0 || sql.charAt(i) == '_')) {
                i++;
            }
            return i;
        }
        while (i < sql.length() && (Character.isDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        if (i < sql.length() && sql.charAt(i) == '.' && !sql.startsWith("..", i)) {
            i++;
            while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                i++;
            }
        }
        if (i < sql.length() && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
            int exponent = i + 1;
            if (exponent < sql.length() && (sql.charAt(exponent) == '+' || sql.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < sql.length() && Character.isDigit(sql.charAt(exponent))) {
                i = exponent;
                while (i < sql.length() && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
            }
        }
        return i;
    }

    private int operatorEnd() {
        int i = position;
        while (i < sql.length()
                && OPERATOR_CHARS.indexOf(sql.charAt(i)) >= 0
                && !sql.startsWith("--", i)
                && !sql.startsWith("/*", i)) {
            i++;
        }
        return Math.max(i, position + 1);
    }

    private void emit(Kind kind, int end) {
        Token token = new Token(kind, sql.substring(position, end), position, line, position - lineStart + 1);
        tokens.add(token);
        if (!token.isComment()) {
            statementStart = kind == Kind.DELIMITER || delimiter == null && token.isSymbol(";");
        }
        for (int i = position; i < end; i++) {
            if (sql.charAt(i) == '\n') {
                newLine(i);
            }
        }
        position = end;
    }

    private void newLine(int newlineAt) {
        line++;
        lineStart = newlineAt + 1;
    }

    private char peek(int ahead) {
        int index = position + ahead;
        return index < sql.length() ? sql.charAt(index) : '\0';
    }

    private SqlSyntaxException error(String message) {
        return new SqlSyntaxException(message, line, position - lineStart + 1);
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c > 127;
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
}
