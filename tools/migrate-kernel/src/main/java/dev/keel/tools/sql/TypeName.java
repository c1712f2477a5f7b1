package dev.keel.tools.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A column type as written ({@code character varying(20)}, {@code timestamp(3) without time zone},
 * {@code int[]}), with PostgreSQL's aliases resolved to one canonical name.
 */
public record TypeName(String canonical, List<Integer> modifiers, boolean array, String written, Token at) {

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"),
            Map.entry("int4", "integer"),
            Map.entry("integer", "integer"),
            Map.entry("int2", "smallint"),
            Map.entry("smallint", "smallint"),
            Map.entry("int8", "bigint"),
            Map.entry("bigint", "bigint"),
            Map.entry("serial", "serial"),
            Map.entry("serial4", "serial"),
            Map.entry("smallserial", "smallserial"),
            Map.entry("serial2", "smallserial"),
            Map.entry("bigserial", "bigserial"),
            Map.entry("serial8", "bigserial"),
            Map.entry("varchar", "varchar"),
            Map.entry("character varying", "varchar"),
            Map.entry("char", "char"),
            Map.entry("character", "char"),
            Map.entry("bpchar", "char"),
            Map.entry("timestamp", "timestamp"),
            Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamptz", "timestamptz"),
            Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time", "time"),
            Map.entry("time without time zone", "time"),
            Map.entry("timetz", "timetz"),
            Map.entry("time with time zone", "timetz"),
            Map.entry("decimal", "numeric"),
            Map.entry("numeric", "numeric"),
            Map.entry("bool", "boolean"),
            Map.entry("boolean", "boolean"),
            Map.entry("float8", "double precision"),
            Map.entry("double precision", "double precision"),
            Map.entry("float4", "real"),
            Map.entry("real", "real"),
            Map.entry("varbit", "varbit"),
            Map.entry("bit varying", "varbit"));

    /** The canonical name of a type written as these lower-case words. */
    static String canonical(String words) {
        String lower = words.toLowerCase(Locale.ROOT);
        String unqualified = lower.startsWith("pg_catalog.") ? lower.substring("pg_catalog.".length()) : lower;
        return ALIASES.getOrDefault(unqualified, unqualified);
    }

    public boolean isOneOf(String... canonicalNames) {
        for (String name : canonicalNames) {
            if (canonical.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The first modifier (a length or precision), or -1 when there is none. */
    public int length() {
        return modifiers.isEmpty() ? -1 : modifiers.getFirst();
    }

    @Override
    public String toString() {
        return written;
    }
}
