package dev.keel.tools.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A position in a statement's tokens, with the look-ahead a small recursive-descent parser needs. */
final class TokenCursor {

    private final List<Token> tokens;
    private int position;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    boolean atEnd() {
        return position >= tokens.size();
    }

    Token peek() {
        return peek(0);
    }

    Token peek(int ahead) {
        int index = position + ahead;
        return index < tokens.size() ? tokens.get(index) : null;
    }

    Token next() {
        return atEnd() ? null : tokens.get(position++);
    }

    /** The previous token, for positions of findings; the first one when nothing was read. */
    Token last() {
        return tokens.get(Math.max(0, Math.min(position, tokens.size()) - 1));
    }

    /** True when the next tokens are these words, in order. */
    boolean peekIs(String... words) {
        for (int i = 0; i < words.length; i++) {
            Token token = peek(i);
            if (token == null || !token.is(words[i])) {
                return false;
            }
        }
        return true;
    }

    boolean peekSymbol(String symbol) {
        Token token = peek();
        return token != null && token.isSymbol(symbol);
    }

    /** Consumes these words when they come next. */
    boolean accept(String... words) {
        if (!peekIs(words)) {
            return false;
        }
        position += words.length;
        return true;
    }

    boolean acceptSymbol(String symbol) {
        if (!peekSymbol(symbol)) {
            return false;
        }
        position++;
        return true;
    }

    /** identifier(.identifier)*, or null when no identifier comes next. */
    QualifiedName qualifiedName() {
        Token first = peek();
        if (first == null || !first.isIdentifier()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        parts.add(next().name());
        while (peekSymbol(".") && peek(1) != null && peek(1).isIdentifier()) {
            position++;
            parts.add(next().name());
        }
        String name = parts.getLast();
        String schema = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
        return new QualifiedName(schema, name, first);
    }

    /** The tokens up to (not including) the first top-level token matching {@code stop}, or to the end. */
    List<Token> until(Predicate<Token> stop) {
        List<Token> taken = new ArrayList<>();
        int depth = 0;
        while (!atEnd()) {
            Token token = peek();
            if (depth == 0 && stop.test(token)) {
                break;
            }
            if (token.isSymbol("(") || token.isSymbol("[")) {
                depth++;
            } else if (token.isSymbol(")") || token.isSymbol("]")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            }
            taken.add(next());
        }
        return taken;
    }

    /** The rest of the tokens, left unread. */
    List<Token> remaining() {
        return tokens.subList(Math.min(position, tokens.size()), tokens.size());
    }

    /** The rest of the tokens. */
    List<Token> rest() {
        List<Token> taken = new ArrayList<>(tokens.subList(Math.min(position, tokens.size()), tokens.size()));
        position = tokens.size();
        return taken;
    }

    /** A parenthesised, comma-separated list: each item's tokens. Empty when no '(' comes next. */
    List<List<Token>> parenthesizedList() {
        List<List<Token>> items = new ArrayList<>();
        if (!acceptSymbol("(")) {
            return items;
        }
        while (!atEnd()) {
            items.add(until(token -> token.isSymbol(",")));
            if (!acceptSymbol(",")) {
                break;
            }
        }
        acceptSymbol(")");
        return items;
    }

    /** Splits tokens at top-level commas. */
    static List<List<Token>> splitOnCommas(List<Token> tokens) {
        TokenCursor cursor = new TokenCursor(tokens);
        List<List<Token>> items = new ArrayList<>();
        while (!cursor.atEnd()) {
            items.add(cursor.until(token -> token.isSymbol(",")));
            if (!cursor.acceptSymbol(",")) {
                if (!cursor.atEnd()) {
                    cursor.next(); // an unbalanced ')': skip it rather than loop
                }
            }
        }
        return items;
    }
}
