package dev.keel.bootstrap.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The operations of the application's own OpenAPI document (springdoc's /v3/api-docs). */
record ApiDescription(List<ApiOperation> operations) {

    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    static ApiDescription parse(JsonNode document) {
        JsonNode schemas = document.path("components").path("schemas");
        List<ApiOperation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isObject()) {
                    operations.add(operation(path.getKey(), method.toUpperCase(Locale.ROOT), operation, schemas));
                }
            }
        }
        return new ApiDescription(List.copyOf(operations));
    }

    List<ApiOperation> of(OperationKind kind) {
        return operations.stream().filter(op -> op.kind() == kind).toList();
    }

    List<ApiOperation> of(OperationKind kind, String collection) {
        return of(kind).stream()
                .filter(op -> op.collection().equals(collection))
                .toList();
    }

    /** The collections that can be fuzzed deeply: created, then read one by one. */
    List<String> collections() {
        return of(OperationKind.CREATE).stream()
                .map(ApiOperation::collection)
                .filter(collection -> !of(OperationKind.READ, collection).isEmpty())
                .distinct()
                .toList();
    }

    private static ApiOperation operation(String path, String method, JsonNode operation, JsonNode schemas) {
        List<ApiParameter> parameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters").values()) {
            parameters.add(new ApiParameter(
                    parameter.path("name").asString(),
                    parameter.path("in").asString(),
                    parameter.path("required").asBoolean(false),
                    resolve(parameter.path("schema"), schemas, 0)));
        }
        JsonNode content = operation.path("requestBody").path("content");
        List<String> mediaTypes = new ArrayList<>(content.propertyNames());
        JsonNode body = null;
        for (String type : mediaTypes) {
            if (type.contains("json")) {
                body = resolve(content.path(type).path("schema"), schemas, 0);
            }
        }
        return new ApiOperation(OperationKind.of(method, path), method, path, parameters, body, mediaTypes);
    }

    /** The schema with every {@code $ref} replaced by what it names (to a sane depth). */
    private static JsonNode resolve(JsonNode schema, JsonNode schemas, int depth) {
        if (depth > 8 || !schema.isObject()) {
            return schema;
        }
        if (schema.has("$ref")) {
            String name = schema.path("$ref").asString().replaceFirst("^#/components/schemas/", "");
            return resolve(schemas.path(name), schemas, depth + 1);
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            ((ObjectNode) copy.path("properties"))
                    .set(property.getKey(), resolve(property.getValue(), schemas, depth + 1));
        }
        if (schema.has("items")) {
            copy.set("items", resolve(schema.path("items"), schemas, depth + 1));
        }
        return copy;
    }
}
