package dev.keel.tools.sql;

import java.util.List;

/**
 * One statement of a script: its source text (without the closing semicolon), its tokens without
 * comments, and the comments written before it, where directives such as keel:allow live.
 */
public record SqlStatement(String text, List<Token> tokens, List<Token> commentsBefore, int line, int column) {

    public SqlStatement {
        tokens = List.copyOf(tokens);
        commentsBefore = List.copyOf(commentsBefore);
    }

    public Token first() {
        return tokens.getFirst();
    }

    /** The token at {@code index}, or null past the end, so parsers can look ahead freely. */
    public Token at(int index) {
        return index >= 0 && index < tokens.size() ? tokens.get(index) : null;
    }

    /** True when the statement starts with these words, in order. */
    public boolean startsWith(String... words) {
        for (int i = 0; i < words.length; i++) {
            Token token = at(i);
            if (token == null || !token.is(words[i])) {
                return false;
            }
        }
        return true;
    }

    /** The first line of the text, shortened, for messages. */
    public String summary() {
        String first = text.lines().findFirst().orElse("").strip();
        return first.length() > 100 ? first.substring(0, 97) + "..." : first;
    }
}
