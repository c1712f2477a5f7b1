package dev.keel.tools.sql;

import java.util.Locale;

/** One lexical token of PostgreSQL SQL, with the 1-based line and column it starts at. */
public record Token(Kind kind, String text, int offset, int line, int column) {

    /** What a token is; comments are tokens too, so directives such as keel:allow keep their place. */
    public enum Kind {
        /** An unquoted identifier or keyword: compare with {@link #is}. */
        WORD,
        /** "Quoted identifier" (or U&"..."). */
        QUOTED_IDENTIFIER,
        /** `MySQL identifier`: never valid PostgreSQL, kept so a rule can say so. */
        BACKTICK_IDENTIFIER,
        /** 'string', E'string', U&'', B'', X'', N''. */
        STRING,
        /** $$body$$ or $tag$body$tag$. */
        DOLLAR_STRING,
        NUMBER,
        /** $1, a positional parameter. */
        PARAMETER,
        /** A Flyway placeholder such as ${flyway:user}. */
        PLACEHOLDER,
        OPERATOR,
        /** ( ) , ; . [ ] and : */
        PUNCTUATION,
        LINE_COMMENT,
        BLOCK_COMMENT,
        /** A MySQL client delimiter: the argument of DELIMITER, and each use of it after (see {@link SqlLexer}). */
        DELIMITER
    }

    /** True for an unquoted word equal to {@code keyword}, ignoring case. */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    /** True for this exact punctuation or operator. */
    public boolean isSymbol(String symbol) {
        return (kind == Kind.PUNCTUATION || kind == Kind.OPERATOR) && text.equals(symbol);
    }

    public boolean isComment() {
        return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
    }

    public boolean isIdentifier() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER || kind == Kind.PLACEHOLDER;
    }

    /**
     * The name this token denotes, as PostgreSQL folds it: unquoted words to lower case, quoted
     * identifiers as written (doubled quotes undone).
     */
    public String name() {
        return switch (kind) {
            case WORD -> text.toLowerCase(Locale.ROOT);
            case QUOTED_IDENTIFIER -> {
                String body = text.startsWith("U&") || text.startsWith("u&") ? text.substring(2) : text;
                yield body.substring(1, body.length() - 1).replace("\"\"", "\"");
            }
            case BACKTICK_IDENTIFIER -> text.substring(1, text.length() - 1);
            default -> text;
        };
    }

    /** The contents of a string literal, without its quotes or prefix (escapes left as written). */
    public String stringValue() {
        if (kind == Kind.DOLLAR_STRING) {
            int open = text.indexOf('$', 1) + 1;
            return text.substring(open, text.length() - open);
        }
        int quote = text.indexOf('\'');
        return text.substring(quote + 1, text.length() - 1).replace("''", "'");
    }

    public int endOffset() {
        return offset + text.length();
    }

    @Override
    public String toString() {
        return kind + "(" + text + ")@" + line + ":" + column;
    }
}
