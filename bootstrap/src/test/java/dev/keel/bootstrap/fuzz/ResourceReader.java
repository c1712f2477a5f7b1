package dev.keel.bootstrap.fuzz;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads resources back the plain way, to see what a request really did; each read's answer is checked too. */
final class ResourceReader {

    private final ApiDescription api;
    private final RawHttpClient http;

    ResourceReader(ApiDescription api, RawHttpClient http) {
        this.api = api;
        this.http = http;
    }

    RawRequest readRequest(String collection, String id) {
        return RawRequest.of(
                        "re-read",
                        "GET",
                        api.of(OperationKind.READ, collection).getFirst().pathFor(id))
                .withHeader("Accept", "application/json");
    }

    RawResponse read(String collection, String id) {
        return http.send(readRequest(collection, id));
    }

    /** Whether a read returns exactly what the model expects: the same representation, or 404 while archived. */
    static boolean matches(Tracked expected, RawResponse read) {
        JsonNode representation = expected.representation();
        return representation == null
                ? read.status() == 404
                : read.status() == 200
                        && representationOf(read).filter(representation::equals).isPresent();
    }

    /** The JSON object an answer carries, when it carries one with an id. */
    static Optional<JsonNode> representationOf(RawResponse response) {
        return Json.parse(response.text())
                .filter(node -> node.isObject() && node.path("id").isString());
    }

    static Tracked after(Tracked before, RawResponse read) {
        return read.status() == 200
                ? representationOf(read)
                        .map(r -> before.now(r, read.header("ETag")))
                        .orElse(before)
                : before.archived();
    }
}
