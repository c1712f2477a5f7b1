package dev.keel.bootstrap.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the OpenAPI operations and the model into requests: valid ones that walk resources into
 * deep states (created, updated with the right ETag, archived, restored, with a part attached,
 * listed page by page), and malformed ones made by breaking exactly one thing in a valid one.
 */
final class RequestFactory {

    /** The part types Keel allows by default; a part the API refuses as 415 is still a valid attempt. */
    static final List<String> PART_TYPES = List.of("text/plain", "image/png", "application/pdf", "image/jpeg");

    private static final Map<OperationKind, Integer> WEIGHTS = Map.of(
            OperationKind.CREATE, 14,
            OperationKind.UPDATE, 26,
            OperationKind.READ, 10,
            OperationKind.LIST, 14,
            OperationKind.ARCHIVE, 9,
            OperationKind.ACTION, 10,
            OperationKind.PUT_PART, 8,
            OperationKind.GET_PART, 9);

    private final ApiDescription api;
    private final ResourceModel model;
    private final Random random;
    private final ValidValues values;
    private final List<String> cursors = new ArrayList<>();

    RequestFactory(ApiDescription api, ResourceModel model, Random random, ValidValues values) {
        this.api = api;
        this.model = model;
        this.random = random;
        this.values = values;
    }

    ValidValues values() {
        return values;
    }

    void rememberCursor(String cursor) {
        cursors.add(cursor);
        if (cursors.size() > 50) {
            cursors.removeFirst();
        }
    }

    /** Half valid, half malformed. */
    Step next() {
        String collection = HostileInput.pick(random, api.collections());
        Step valid = valid(collection);
        return random.nextBoolean() ? valid : new Mutations(random, values).apply(valid, collection);
    }

    Step valid(String collection) {
        ApiOperation operation = chooseOperation(collection);
        return switch (operation.kind()) {
            case CREATE -> create(operation);
            case UPDATE -> update(operation);
            case LIST -> list(operation);
            case PUT_PART -> putPart(operation);
            case ACTION -> onResource(operation, random.nextInt(10) < 7 ? t -> !t.live() : t -> true);
            case ARCHIVE, READ, GET_PART -> onResource(operation, random.nextInt(10) < 8 ? Tracked::live : t -> true);
            case OTHER -> throw new IllegalStateException("never chosen: " + operation);
        };
    }

    /** A create whose values are all fresh, so it cannot collide with anything. */
    Step freshCreate(ApiOperation operation) {
        RawRequest request = RawRequest.of("valid create", "POST", operation.path())
                .withHeader("Content-Type", jsonType(operation))
                .withBody(Json.write(values.object(bodySchema(operation), false)));
        return new Step(request, operation, null, true);
    }

    private Step create(ApiOperation operation) {
        ObjectNode body = values.object(bodySchema(operation), false);
        if (random.nextInt(10) == 0) {
            copyAStringFromALiveResource(operation.collection(), body); // a unique field taken: 409, if unique
        }
        RawRequest request = RawRequest.of("valid create", "POST", operation.path())
                .withHeader("Content-Type", jsonType(operation))
                .withBody(Json.write(body));
        return new Step(accepting(request), operation, null, true);
    }

    private ApiOperation chooseOperation(String collection) {
        if (model.live(collection) < 3) {
            return api.of(OperationKind.CREATE, collection).getFirst();
        }
        List<ApiOperation> operations = api.operations().stream()
                .filter(op -> op.collection().equals(collection) && WEIGHTS.containsKey(op.kind()))
                .toList();
        int total = operations.stream().mapToInt(op -> WEIGHTS.get(op.kind())).sum();
        int chosen = random.nextInt(total);
        for (ApiOperation operation : operations) {
            chosen -= WEIGHTS.get(operation.kind());
            if (chosen < 0) {
                return operation;
            }
        }
        return operations.getLast();
    }

    private Step update(ApiOperation operation) {
        Tracked target =
                model.pick(random, operation.collection(), Tracked::live).orElseThrow();
        ObjectNode body = values.object(bodySchema(operation), true);
        if (random.nextInt(10) == 0) {
            copyAStringFromALiveResource(operation.collection(), body);
        }
        // If-Match: * means "whatever the current version is" (RFC 9110): valid, and must not be refused.
        String ifMatch = random.nextInt(10) == 0 || target.etag() == null ? "*" : target.etag();
        RawRequest request = RawRequest.of("valid update", operation.method(), operation.pathFor(target.id()))
                .withHeader("Content-Type", jsonType(operation))
                .withBody(Json.write(body));
        if (operation.header("If-Match").isPresent()) {
            request = request.withHeader("If-Match", ifMatch);
        }
        return new Step(accepting(request), operation, target, true);
    }

    private Step list(ApiOperation operation) {
        List<String> query = new ArrayList<>();
        for (ApiParameter parameter : operation.in("query")) {
            if (random.nextBoolean()) {
                continue;
            }
            if (parameter.name().toLowerCase().contains("cursor")) {
                if (!cursors.isEmpty()) {
                    query.add(parameter.name() + "=" + HostileInput.pick(random, cursors));
                }
            } else {
                query.add(parameter.name() + "="
                        + values.value(parameter.schema()).asString());
            }
        }
        String target = operation.path() + (query.isEmpty() ? "" : "?" + String.join("&", query));
        return new Step(accepting(RawRequest.of("valid list", "GET", target)), operation, null, true);
    }

    private Step putPart(ApiOperation operation) {
        Tracked target =
                model.pick(random, operation.collection(), Tracked::live).orElseThrow();
        byte[] bytes = new byte[1 + random.nextInt(4_096)];
        random.nextBytes(bytes);
        RawRequest request = RawRequest.of("valid put part", "PUT", operation.pathFor(target.id()))
                .withHeader("Content-Type", HostileInput.pick(random, PART_TYPES))
                .withBody(bytes);
        return new Step(request, operation, target, true);
    }

    private Step onResource(ApiOperation operation, Predicate<Tracked> preferred) {
        Tracked target = model.pick(random, operation.collection(), preferred)
                .or(() -> model.pick(random, operation.collection(), t -> true))
                .orElseThrow();
        String label = "valid " + operation.kind().name().toLowerCase().replace('_', ' ');
        return new Step(
                accepting(RawRequest.of(label, operation.method(), operation.pathFor(target.id()))),
                operation,
                target,
                true);
    }

    /** An Accept header a JSON client might send, or none. */
    private RawRequest accepting(RawRequest request) {
        return switch (random.nextInt(4)) {
            case 0 -> request.withHeader("Accept", "application/json");
            case 1 -> request.withHeader("Accept", "*/*");
            case 2 -> request.withHeader("Accept", "application/json, application/problem+json");
            default -> request;
        };
    }

    private String jsonType(ApiOperation operation) {
        List<String> json = operation.bodyMediaTypes().stream()
                .filter(t -> t.contains("json"))
                .toList();
        return json.isEmpty() ? "application/json" : HostileInput.pick(random, json);
    }

    private static JsonNode bodySchema(ApiOperation operation) {
        JsonNode schema = operation.bodySchema();
        return schema == null ? Json.MAPPER.createObjectNode() : schema;
    }

    /** Puts another live resource's value into one string property: the way to hit a uniqueness rule. */
    private void copyAStringFromALiveResource(String collection, ObjectNode body) {
        model.pick(random, collection, Tracked::live).ifPresent(other -> {
            JsonNode representation = other.representation();
            for (String property : List.copyOf(body.propertyNames())) {
                if (representation != null
                        && body.path(property).isString()
                        && representation.path(property).isString()) {
                    body.put(property, representation.path(property).stringValue());
                    return;
                }
            }
        });
    }
}
