package dev.keel.bootstrap.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Breaks exactly one thing in a valid request, so an answer that goes wrong points at its cause. */
final class Mutations {

    private final Random random;
    private final ValidValues values;

    Mutations(Random random, ValidValues values) {
        this.random = random;
        this.values = values;
    }

    Step apply(Step valid, String collection) {
        RawRequest request = valid.request();
        boolean hasId = valid.target() != null;
        boolean hasBody = valid.operation().bodySchema() != null;
        RawRequest malformed =
                switch (random.nextInt(14)) {
                    case 0 -> hasId ? badId(request, valid.target()) : badQuery(request);
                    case 1, 2 -> badQuery(request);
                    case 3 ->
                        valid.operation().header("If-Match").isPresent()
                                ? badIfMatch(request)
                                : headerNamed(request, "If-Match", HostileInput.pick(random, HostileInput.IF_MATCH));
                    case 4 -> headerNamed(request, "Accept", HostileInput.pick(random, HostileInput.ACCEPT));
                    case 5 ->
                        headerNamed(request, "Content-Type", HostileInput.pick(random, HostileInput.CONTENT_TYPES));
                    case 6, 7 -> hasBody ? badBody(request, valid.operation().bodySchema()) : badMethod(request);
                    case 8 -> badMethod(request);
                    case 9 -> hugeHeaders(request);
                    case 10 -> shortBody(request);
                    case 11 -> badTarget(request, collection);
                    case 12 -> badToken(request);
                    default -> badFraming(request);
                };
        return valid.mutated(malformed);
    }

    /** Absent, malformed, of another scheme, oversized, or valid but granting nothing this API knows. */
    private RawRequest badToken(RawRequest request) {
        String value = HostileInput.pick(random, HostileInput.AUTHORIZATIONS);
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return request.withHeader("Authorization", value).labelled("bad token: " + shown);
    }

    private RawRequest badId(RawRequest request, @Nullable Tracked target) {
        if (target == null) {
            return badQuery(request);
        }
        String id =
                switch (random.nextInt(4)) {
                    case 0 -> target.id().toUpperCase(Locale.ROOT);
                    case 1 -> target.id() + HostileInput.pick(random, List.of("x", "/", "%20", "/..", "0"));
                    default -> HostileInput.pick(random, HostileInput.IDS);
                };
        return request.withTarget(request.target().replace(target.id(), id)).labelled("bad id: " + id);
    }

    private RawRequest badQuery(RawRequest request) {
        String query = HostileInput.pick(random, HostileInput.QUERIES);
        return request.withTarget(request.path() + "?" + query).labelled("bad query: " + query);
    }

    private RawRequest badIfMatch(RawRequest request) {
        if (random.nextInt(5) == 0) {
            return request.withoutHeader("If-Match").labelled("bad If-Match: absent");
        }
        String value = HostileInput.pick(random, HostileInput.IF_MATCH);
        return request.withHeader("If-Match", value).labelled("bad If-Match: " + value);
    }

    private RawRequest headerNamed(RawRequest request, String name, String value) {
        return request.withHeader(name, value).labelled("bad " + name + ": " + value);
    }

    private RawRequest badBody(RawRequest request, @Nullable JsonNode schema) {
        switch (random.nextInt(6)) {
            case 0 -> {
                String body = HostileInput.pick(random, HostileInput.BODIES);
                return request.withBody(body).labelled("bad body: " + body);
            }
            case 1 -> {
                return request.withBody(HostileInput.invalidUtf8Json(random)).labelled("bad body: invalid UTF-8");
            }
            default -> {
                String property = someProperty(schema);
                String value = random.nextBoolean()
                        ? Json.quote(HostileInput.pick(random, HostileInput.STRINGS))
                        : HostileInput.pick(random, HostileInput.WRONG_TYPES);
                if (random.nextInt(4) == 0) {
                    property =
                            HostileInput.pick(random, List.of("colour", "id", "version", "__proto__", "createdAt", ""));
                }
                ObjectNode valid = Json.parse(new String(request.body(), StandardCharsets.UTF_8))
                        .filter(JsonNode::isObject)
                        .map(node -> (ObjectNode) node)
                        .orElseGet(
                                () -> values.object(schema == null ? Json.MAPPER.createObjectNode() : schema, false));
                valid.remove(property);
                String rest = Json.write(valid);
                String body =
                        "{" + Json.quote(property) + ":" + value + (rest.length() > 2 ? "," + rest.substring(1) : "}");
                return request.withBody(body).labelled("bad field: " + property + "=" + value);
            }
        }
    }

    private String someProperty(@Nullable JsonNode schema) {
        List<String> properties = schema == null
                ? List.of()
                : List.copyOf(schema.path("properties").propertyNames());
        return properties.isEmpty() ? "name" : HostileInput.pick(random, properties);
    }

    private RawRequest badMethod(RawRequest request) {
        String method = HostileInput.pick(random, HostileInput.METHODS);
        return request.withMethod(method).labelled("bad method: " + method);
    }

    private RawRequest hugeHeaders(RawRequest request) {
        return switch (random.nextInt(5)) {
            case 0 -> request.withHeader("X-Fuzz", "h".repeat(9 * 1024)).labelled("huge header: 9 KB");
            case 1 -> request.withHeader("X-Fuzz", "h".repeat(70 * 1024)).labelled("huge header: 70 KB");
            case 2 -> {
                RawRequest many = request;
                for (int i = 0; i < 300; i++) {
                    many = many.plusHeader("X-Fuzz-" + i, "v");
                }
                yield many.labelled("huge header: 300 headers");
            }
            case 3 -> request.withHeader("X-Fuzz", "ä🚀\u202E").labelled("huge header: raw UTF-8 value");
            default -> request.withHeader("X-F\u00fczz", "v").labelled("huge header: non-token name");
        };
    }

    private RawRequest shortBody(RawRequest request) {
        RawRequest withBody = request.body().length > 0 ? request : request.withBody("{\"name\":\"short\"}");
        int missing = 1 + random.nextInt(1_000);
        return withBody.withMissingBytes(missing).labelled("short body: " + missing + " bytes missing");
    }

    private RawRequest badTarget(RawRequest request, String collection) {
        String target = HostileInput.pick(random, HostileInput.TARGETS)
                .replace("@", collection)
                .replace("~", collection.substring(1));
        return request.withTarget(target).labelled("bad target: " + target);
    }

    private RawRequest badFraming(RawRequest request) {
        int length = request.body().length;
        return switch (random.nextInt(5)) {
            case 0 ->
                request.withHeader("Content-Length", String.valueOf(length))
                        .plusHeader("Content-Length", String.valueOf(length + 5))
                        .labelled("bad framing: two Content-Lengths");
            case 1 -> request.withHeader("Content-Length", "-1").labelled("bad framing: Content-Length -1");
            case 2 -> request.withHeader("Content-Length", "abc").labelled("bad framing: Content-Length abc");
            case 3 -> request.withHeader("Transfer-Encoding", "gzip").labelled("bad framing: Transfer-Encoding gzip");
            default ->
                request.withHeader("Transfer-Encoding", "chunked")
                        .withBody("zz\r\n" + new String(request.body(), StandardCharsets.UTF_8) + "\r\n0\r\n\r\n")
                        .labelled("bad framing: bad chunk size");
        };
    }
}
