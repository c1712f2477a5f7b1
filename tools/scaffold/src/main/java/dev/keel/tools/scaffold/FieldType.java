package dev.keel.tools.scaffold;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The column types a field may have, each with its Java type, its MyBatis type and two sample values
 * (as Java and as JSON) that the generated tests use.
 */
enum FieldType {
    TEXT(List.of("text", "string"), "text", "String", "string", null, "\"Sample %s\"", "\"Changed %s\""),
    NUMERIC(
            List.of("numeric", "decimal"),
            "numeric",
            "BigDecimal",
            "java.math.BigDecimal",
            "java.math.BigDecimal",
            "new BigDecimal(\"12.5\")",
            "new BigDecimal(\"7.25\")"),
    INTEGER(List.of("integer", "int"), "integer", "Integer", "java.lang.Integer", null, "42", "7"),
    BIGINT(List.of("bigint", "long"), "bigint", "Long", "java.lang.Long", null, "4200000000L", "7L"),
    BOOLEAN(List.of("boolean", "bool"), "boolean", "Boolean", "java.lang.Boolean", null, "true", "false"),
    DATE(
            List.of("date"),
            "date",
            "LocalDate",
            "java.time.LocalDate",
            "java.time.LocalDate",
            "LocalDate.parse(\"2026-01-15\")",
            "LocalDate.parse(\"2026-02-20\")"),
    TIMESTAMPTZ(
            List.of("timestamptz", "timestamp", "instant"),
            "timestamptz",
            "Instant",
            "java.time.Instant",
            "java.time.Instant",
            "Instant.parse(\"2026-01-15T10:00:00Z\")",
            "Instant.parse(\"2026-02-20T16:30:00Z\")"),
    UUID(
            List.of("uuid"),
            "uuid",
            "UUID",
            "java.util.UUID",
            "java.util.UUID",
            "UUID.fromString(\"0199c0de-0000-7000-8000-000000000001\")",
            "UUID.fromString(\"0199c0de-0000-7000-8000-000000000002\")");

    final List<String> spellings;
    final String sql;
    final String java;
    final String myBatis;
    final String javaImport;
    final String sample;
    final String otherSample;

    FieldType(
            List<String> spellings,
            String sql,
            String java,
            String myBatis,
            String javaImport,
            String sample,
            String otherSample) {
        this.spellings = spellings;
        this.sql = sql;
        this.java = java;
        this.myBatis = myBatis;
        this.javaImport = javaImport;
        this.sample = sample;
        this.otherSample = otherSample;
    }

    static Optional<FieldType> named(String spelling) {
        String lower = spelling.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(type -> type.spellings.contains(lower))
                .findFirst();
    }

    static String spellings() {
        return String.join(
                ", ",
                Arrays.stream(values()).map(type -> type.spellings.getFirst()).toList());
    }

    /** The sample as JSON: the Java literal for text, dates and ids is a JSON string once unwrapped. */
    String json(String javaSample) {
        return switch (this) {
            case TEXT -> javaSample;
            case NUMERIC -> javaSample.replaceAll(".*\\(\"(.*)\"\\)$", "$1");
            case DATE, TIMESTAMPTZ, UUID -> javaSample.replaceAll(".*\\((\".*\")\\)$", "$1");
            case BIGINT -> javaSample.replace("L", "");
            case INTEGER, BOOLEAN -> javaSample;
        };
    }
}
