package dev.keel.bootstrap.web.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The committed OpenAPI document: where it lives and the one form it is written in. */
final class OpenApiDocuments {

    /** Set to true (make openapi), the document test rewrites the committed file instead of comparing. */
    static final String WRITE_PROPERTY = "keel.openapi.write";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private OpenApiDocuments() {}

    /** docs/openapi.json of this tree; tests run in the bootstrap module's directory. */
    static Path committedFile() {
        return Path.of("..", "docs", "openapi.json").toAbsolutePath();
    }

    /**
     * Keys sorted at every level, two-space indents, a final newline: the same document always
     * gives the same bytes, and a change to it gives a diff of just that change.
     */
    static String canonical(String json) {
        JsonNode sorted = sorted(JSON.readTree(json));
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                        Separators.createDefaultInstance().withObjectNameValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer().with(printer).writeValueAsString(sorted) + "\n";
    }

    /** The first line where the two texts differ, with its number and both versions; empty when equal. */
    static List<String> firstDifference(String committed, String served) {
        List<String> expected = committed.lines().toList();
        List<String> actual = served.lines().toList();
        for (int line = 0; line < Math.max(expected.size(), actual.size()); line++) {
            String was = line < expected.size() ? expected.get(line) : "<end of file>";
            String is = line < actual.size() ? actual.get(line) : "<end of file>";
            if (!was.equals(is)) {
                return List.of("line " + (line + 1), "committed: " + was.strip(), "served:    " + is.strip());
            }
        }
        return committed.equals(served) ? List.of() : List.of("line endings or the final newline differ");
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> byName = new TreeMap<>();
            node.properties().forEach(property -> byName.put(property.getKey(), sorted(property.getValue())));
            ObjectNode copy = JSON.createObjectNode();
            byName.forEach(copy::set);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.values().forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
