package dev.keel.tools.lint;

import dev.keel.tools.sql.TypeName;

/**
 * The type changes PostgreSQL makes without rewriting the table: the binary-coercible ones whose
 * new type accepts every old value, so neither a rewrite nor a scan is needed.
 */
final class TypeChanges {

    private TypeChanges() {}

    static boolean isBinaryCompatible(TypeName from, TypeName to) {
        if (from.array() != to.array()) {
            return false;
        }
        String a = from.canonical();
        String b = to.canonical();
        if (isSameType(from, to)) {
            return true;
        }
        return switch (a) {
            case "varchar" -> (b.equals("varchar") && widens(from, to)) || b.equals("text");
            case "text" -> b.equals("varchar") && to.modifiers().isEmpty();
            case "numeric" -> b.equals("numeric") && widensNumeric(from, to);
            case "varbit" -> b.equals("varbit") && widens(from, to);
            case "cidr" -> b.equals("inet");
            default -> false;
        };
    }

    /** The same type and modifiers: PostgreSQL still rebuilds the column's expression and partial indexes. */
    static boolean isSameType(TypeName from, TypeName to) {
        return from.array() == to.array()
                && from.canonical().equals(to.canonical())
                && from.modifiers().equals(to.modifiers());
    }

    /** No limit, or a limit at least as large. */
    private static boolean widens(TypeName from, TypeName to) {
        return to.modifiers().isEmpty() || (!from.modifiers().isEmpty() && to.length() >= from.length());
    }

    /** Unconstrained numeric, or more precision with the same scale. */
    private static boolean widensNumeric(TypeName from, TypeName to) {
        if (to.modifiers().isEmpty()) {
            return true;
        }
        if (from.modifiers().isEmpty()) {
            return false;
        }
        int fromScale = from.modifiers().size() > 1 ? from.modifiers().get(1) : 0;
        int toScale = to.modifiers().size() > 1 ? to.modifiers().get(1) : 0;
        return fromScale == toScale && to.length() >= from.length();
    }
}
