package dev.keel.bootstrap.fuzz;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the model expects of one resource: the representation a read must return (absent while
 * archived), the ETag that names its version, and the bytes of its part when one was attached.
 */
record Tracked(
        String collection,
        String id,
        @Nullable JsonNode representation,
        @Nullable String etag,
        byte @Nullable [] part) {

    boolean live() {
        return representation != null;
    }

    long version() {
        return representation == null ? -1 : representation.path("version").asLong(-1);
    }

    Tracked archived() {
        return new Tracked(collection, id, null, null, part);
    }

    Tracked now(JsonNode newRepresentation, @Nullable String newEtag) {
        return new Tracked(collection, id, newRepresentation, newEtag, part);
    }

    Tracked withoutPart() {
        return new Tracked(collection, id, representation, etag, null);
    }

    Tracked withPart(byte[] bytes) {
        return new Tracked(collection, id, representation, etag, bytes);
    }
}
