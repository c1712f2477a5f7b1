package dev.keel.tools.schemacheck;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.type.ObjectTypeHandler;

/**
 * The SQL texts one mapped statement can send, rendered without its mapper's Java types: once
 * with every parameter present (so each {@code <if test="x != null">} is taken, the first
 * {@code <when>} chosen, each {@code <foreach>} has one item) and once with every parameter absent
 * (the {@code <otherwise>} and bare branches). Middle {@code <when>} branches and tests that
 * compare values ({@code x > 0}) are not reached; a statement with no renderable variant is reported.
 */
final class SqlVariants {

    private SqlVariants() {}

    /** Each distinct SQL text, keyed by it, with the variant that produced it; failures keyed by variant. */
    record Rendered(Map<String, String> sqlToVariant, Map<String, String> failures) {}

    static Rendered of(MappedStatement statement) {
        // A foreach item's parameter takes its Java type from the value, here a Present, and MyBatis wants a
        // handler for it while rendering; no value of the application is ever a Present, so this adds nothing else.
        statement.getConfiguration().getTypeHandlerRegistry().register(Present.class, ObjectTypeHandler.class);
        Map<String, String> sql = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        render(statement, "parameters present", new Present(), sql, failures);
        render(statement, "parameters absent", new HashMap<String, Object>(), sql, failures);
        return new Rendered(sql, failures);
    }

    private static void render(
            MappedStatement statement,
            String variant,
            Object parameter,
            Map<String, String> sql,
            Map<String, String> failures) {
        try {
            String text = statement.getBoundSql(parameter).getSql().strip().replaceAll("\\s+", " ");
            sql.putIfAbsent(text, variant);
        } catch (RuntimeException e) {
            failures.put(
                    variant, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
    }

    /**
     * A parameter object on which every property is present, nested as deep as the expression goes:
     * each lookup answers another Present, and as a collection it holds one Present.
     */
    private static final class Present extends AbstractMap<String, Object> {

        @Override
        public Object get(Object key) {
            return new Present();
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of(new SimpleImmutableEntry<>("item", new Present()));
        }

        // AbstractMap's versions walk the entries, and every Present holds another: identity ends that.
        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return "present";
        }
    }
}
