package dev.keel.bootstrap.fuzz;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One operation of the OpenAPI document, its schemas' {@code $ref}s resolved.
 *
 * @param bodySchema the JSON request body's schema; absent for operations without a JSON body
 */
record ApiOperation(
        OperationKind kind,
        String method,
        String path,
        List<ApiParameter> parameters,
        @Nullable JsonNode bodySchema,
        List<String> bodyMediaTypes) {

    String collection() {
        return OperationKind.collectionOf(path);
    }

    List<ApiParameter> in(String location) {
        return parameters.stream().filter(p -> p.in().equals(location)).toList();
    }

    Optional<ApiParameter> header(String name) {
        return in("header").stream()
                .filter(p -> p.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** The concrete path for one resource: {@code /api/things/{id}} with the id put in. */
    String pathFor(String id) {
        return path.replaceFirst("\\{[^}]+}", id);
    }

    @Override
    public String toString() {
        return kind + " " + method + " " + path;
    }
}
