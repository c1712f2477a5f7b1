package dev.keel.tools.scaffold;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name as words, and every spelling the slice needs: {@code PurchaseOrder} is the words purchase
 * and order, spelt purchaseOrder, purchase_order, purchase-order, PURCHASE_ORDER or "purchase order".
 */
record Words(List<String> words) {

    private static final Pattern WORD = Pattern.compile("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+");

    /** Java's keywords and literals: never a name. */
    static final Set<String> JAVA_KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "var",
            "yield",
            "record",
            "sealed",
            "permits",
            "non-sealed",
            "when",
            "module",
            "open",
            "exports",
            "requires",
            "to",
            "uses",
            "provides",
            "with",
            "opens",
            "transitive",
            "_");

    Words {
        words = List.copyOf(words);
    }

    /** The words of a camelCase, PascalCase or snake_case name. */
    static Words of(String name) {
        List<String> words = new ArrayList<>();
        for (String part : name.split("_")) {
            Matcher matcher = WORD.matcher(part);
            while (matcher.find()) {
                words.add(matcher.group().toLowerCase(Locale.ROOT));
            }
        }
        return new Words(words);
    }

    String pascal() {
        StringBuilder out = new StringBuilder();
        words.forEach(word -> out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1)));
        return out.toString();
    }

    String camel() {
        String pascal = pascal();
        return Character.toLowerCase(pascal.charAt(0)) + pascal.substring(1);
    }

    String snake() {
        return String.join("_", words);
    }

    String kebab() {
        return String.join("-", words);
    }

    String constant() {
        return snake().toUpperCase(Locale.ROOT);
    }

    String human() {
        return String.join(" ", words);
    }

    /** The words with the last one in the plural: purchase orders. {@code override} wins when given. */
    Words plural() {
        List<String> plural = new ArrayList<>(words);
        plural.set(plural.size() - 1, pluralOf(plural.getLast()));
        return new Words(plural);
    }

    /** English plurals by rule; an irregular one is given with PLURAL=. */
    static String pluralOf(String word) {
        if (word.matches(".*[^aeiou]y")) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (word.matches(".*(s|x|z|ch|sh)")) {
            return word + "es";
        }
        return word + "s";
    }
}
