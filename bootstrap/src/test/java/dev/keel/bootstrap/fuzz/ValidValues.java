package dev.keel.bootstrap.fuzz;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Values a schema allows, from the seeded random source: enums, integers in range, uuids, dates,
 * instants, ids of live resources for a reference (x-refers-to), and
 * strings that are fresh every time (so unique names stay unique) yet full of the unicode real
 * clients send: right-to-left scripts, emoji, combining marks, up to the 200-code-point edge.
 */
final class ValidValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> WORDS = List.of(
            "Sprocket",
            "Cog",
            "Ωmega",
            "ويدجت",
            "גלגל",
            "歯車",
            "Zahnrad",
            "🚀",
            "🔧⚙️",
            "e\u0301te\u0301",
            "Ñandú",
            "𝔉𝔲𝔷𝔷",
            "👩‍👩‍👧",
            "Łódź",
            "ǅ");

    /** The OpenAPI extension a reference's property carries: the collection whose live resource it names. */
    static final String REFERS_TO = "x-refers-to";

    private final Random random;
    private final String runTag;
    private final ResourceModel model;
    private int counter;

    ValidValues(Random random, String runTag, ResourceModel model) {
        this.random = random;
        this.runTag = runTag;
        this.model = model;
    }

    /** The collections a body's properties refer to (x-refers-to), which must have a live resource for a valid create. */
    static List<String> referencedCollections(@Nullable JsonNode schema) {
        if (schema == null) {
            return List.of();
        }
        return schema.path("properties").values().stream()
                .filter(property -> property.has(REFERS_TO))
                .map(property -> property.path(REFERS_TO).asString())
                .distinct()
                .toList();
    }

    /** A whole body: every required property, and each optional one half of the time (or never). */
    ObjectNode object(JsonNode schema, boolean optionalOnly) {
        ObjectNode body = NODES.objectNode();
        List<String> required = schema.path("required").values().stream()
                .map(JsonNode::asString)
                .toList();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            boolean include =
                    optionalOnly ? random.nextInt(3) > 0 : required.contains(property.getKey()) || random.nextBoolean();
            if (include && !property.getValue().path("readOnly").asBoolean(false)) {
                body.set(property.getKey(), value(property.getValue()));
            }
        }
        return body;
    }

    JsonNode value(JsonNode schema) {
        if (schema.has("enum")) {
            List<JsonNode> values = List.copyOf(schema.path("enum").values());
            return values.get(random.nextInt(values.size()));
        }
        if (schema.has(REFERS_TO)) {
            // A live resource of the collection it names; without one, any id (and the API's 422).
            return NODES.stringNode(model.pick(random, schema.path(REFERS_TO).asString(), Tracked::live)
                    .map(Tracked::id)
                    .orElseGet(() -> UUID.randomUUID().toString()));
        }
        return switch (schema.path("type").asString()) {
            case "integer", "number" -> NODES.numberNode(integer(schema));
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "object" -> object(schema, false);
            case "array" -> NODES.arrayNode().add(value(schema.path("items")));
            default ->
                NODES.stringNode(
                        switch (schema.path("format").asString()) {
                            case "uuid" -> UUID.randomUUID().toString();
                            case "date" ->
                                LocalDate.of(2000, 1, 1)
                                        .plusDays(random.nextInt(20_000))
                                        .toString();
                            // Whole seconds: the API answers an instant as it was sent.
                            case "date-time" ->
                                Instant.ofEpochSecond(946_684_800L + random.nextInt(2_000_000_000))
                                        .toString();
                            default -> freshText();
                        });
        };
    }

    long integer(JsonNode schema) {
        long min = schema.path("minimum").asLong(1);
        long max = schema.path("maximum").asLong(100);
        return min + (long) random.nextInt((int) Math.max(1, Math.min(max - min + 1, 10_000)));
    }

    /** A string never produced before in this run: a few words and a counter, or exactly 200 code points. */
    String freshText() {
        String unique = runTag + "-" + (++counter);
        if (random.nextInt(20) == 0) {
            String emoji = "🧩".repeat(200);
            return unique + emoji.substring(0, emoji.offsetByCodePoints(0, 200 - unique.length()));
        }
        StringBuilder text = new StringBuilder();
        for (int words = 1 + random.nextInt(3); words > 0; words--) {
            text.append(WORDS.get(random.nextInt(WORDS.size()))).append(' ');
        }
        return text.append(unique).toString();
    }
}
