package dev.keel.tools.migrate.data;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The text form of a value for row {@code n} of a column, which PostgreSQL casts to the column's
 * type. Values follow the number they are given, which the filler makes the row number for columns
 * under a unique key and a repeating one elsewhere, so a new UNIQUE over them meets duplicates; the
 * seeded random only feeds uuids that must be distinct, so a run is repeatable.
 */
final class ColumnValues {

    private static final LocalDateTime EPOCH = LocalDateTime.of(2025, 1, 1, 0, 0);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Random random;

    ColumnValues(Random random) {
        this.random = random;
    }

    /** A value for row {@code n}; null when the type is unknown and the column takes NULL. */
    String value(TableCatalog.Column column, long n) {
        return value(column, n, true);
    }

    /**
     * A value for number {@code n}; a uuid is random when {@code distinct}, else follows {@code n}
     * like every other type, so the same {@code n} gives the same value.
     */
    String value(TableCatalog.Column column, long n, boolean distinct) {
        if (!column.labels().isEmpty() && !column.isArray()) {
            return pick(column.labels(), n);
        }
        if (column.isArray()) {
            String element = scalar(column.elementType(), column.labels(), column.typmod(), column.name(), n, distinct);
            return element == null
                    ? (column.notNull() ? "{}" : null)
                    : "{\"" + element.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        }
        String value = scalar(column.baseType(), column.labels(), column.typmod(), column.name(), n, distinct);
        // An unknown type: NULL where allowed, else a number, which many types read.
        return value != null || !column.notNull() ? value : Long.toString(n + 1);
    }

    static String pick(List<String> values, long n) {
        return values.get((int) (n % values.size()));
    }

    private String scalar(String type, List<String> labels, int typmod, String name, long n, boolean distinct) {
        if (!labels.isEmpty()) {
            return pick(labels, n);
        }
        LocalDateTime time = EPOCH.plusMinutes(n * 7);
        return switch (type) {
            case "uuid" ->
                distinct
                        ? new UUID(random.nextLong(), random.nextLong()).toString()
                        : UUID.nameUUIDFromBytes((name + "-" + n).getBytes(StandardCharsets.UTF_8))
                                .toString();
            case "text", "varchar", "bpchar", "citext", "name" -> text(name, n, typmod > 4 ? typmod - 4 : -1);
            case "int2" -> Long.toString(n % Short.MAX_VALUE + 1);
            case "int4", "int8", "oid", "money" -> Long.toString(n + 1);
            case "numeric" -> numeric(n, typmod);
            case "float4", "float8" -> (n + 1) + ".5";
            case "bool" -> Boolean.toString(n % 2 == 0);
            case "timestamptz" -> time.format(TIMESTAMP) + "+00";
            case "timestamp" -> time.format(TIMESTAMP);
            case "date" -> LocalDate.from(EPOCH).plusDays(n).toString();
            case "time", "timetz" -> LocalTime.ofSecondOfDay(n % 86_400).toString();
            case "interval" -> (n + 1) + " minutes";
            case "json", "jsonb" -> "{\"n\": " + n + "}";
            case "bytea" -> "\\x" + HexFormat.of().toHexDigits(n);
            case "inet", "cidr" -> "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
            case "macaddr" -> "08:00:2b:%02x:%02x:%02x".formatted(n >> 16 & 255, n >> 8 & 255, n & 255);
            case "xml" -> "<n>" + n + "</n>";
            case "tsvector" -> "w" + n;
            default -> null;
        };
    }

    /** The column's name and the row number in base 36, cut to fit varchar(n) while staying distinct. */
    private static String text(String name, long n, int maxLength) {
        String id = Long.toString(n, 36);
        String value = name + "-" + id;
        if (maxLength <= 0 || value.length() <= maxLength) {
            return value;
        }
        return id.length() >= maxLength
                ? id.substring(id.length() - maxLength)
                : name.substring(0, maxLength - id.length()) + id;
    }

    /** n + 1 in numeric(p, s), wrapped to fit the digits before the point. */
    private static String numeric(long n, int typmod) {
        if (typmod < 4) {
            return Long.toString(n + 1);
        }
        int precision = (typmod - 4) >> 16 & 0xffff;
        int scale = (typmod - 4) & 0xffff;
        int integerDigits = precision - scale;
        if (integerDigits <= 0) {
            return new BigDecimal(
                            BigInteger.valueOf(n
                                    % BigInteger.TEN
                                            .pow(Math.min(precision, 18))
                                            .longValue()),
                            scale)
                    .toPlainString();
        }
        long limit = BigInteger.TEN.pow(Math.min(integerDigits, 18)).longValue();
        return BigDecimal.valueOf((n % (limit - 1)) + 1).setScale(scale).toPlainString();
    }
}
