package dev.keel.bootstrap.web.common;

import dev.keel.bootstrap.security.ResourceScopes;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * What every operation under {@code /api} answers besides its own responses, added by rule so that
 * a new resource's controller is described right without repeating annotations: the scope it needs
 * ({@link ResourceScopes}, the rule security enforces), 401 and 403, 400 for malformed input, 404 on a path naming a resource, 406
 * when it answers with a body, 413 and 415 (the server refuses too many parameters and wildcard or
 * malformed Content-Type on any request), 503 for an outage. A status the operation's annotations
 * describe keeps their description. Every 4xx and 5xx is an RFC 9457 problem detail.
 */
public class ApiDocumentRules implements OpenApiCustomizer {

    /** The security scheme's name in the document. */
    public static final String SECURITY_SCHEME = "oauth2";

    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String FIELD_ERROR_SCHEMA = "FieldError";

    private static final String API = "/api/";
    private static final Set<String> BODILESS = Set.of("204", "304");
    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components
                .addSchemas(PROBLEM_SCHEMA, problemSchema())
                .addSchemas(FIELD_ERROR_SCHEMA, fieldErrorSchema()));
        if (openApi.getPaths() == null) {
            return;
        }
        Map<String, String> scopes = new TreeMap<>();
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith(API)) {
                item.readOperationsMap()
                        .forEach((method, operation) ->
                                describe(HttpMethod.valueOf(method.name()), path, operation, scopes));
            }
        });
        // The scheme lists the scopes the operations need, as ResourceScopes enforces them.
        SecurityScheme scheme = components.getSecuritySchemes() == null
                ? null
                : components.getSecuritySchemes().get(SECURITY_SCHEME);
        if (scheme != null && scheme.getFlows() != null && scheme.getFlows().getClientCredentials() != null) {
            Scopes listed = new Scopes();
            scopes.forEach(listed::addString);
            scheme.getFlows().getClientCredentials().setScopes(listed);
        }
    }

    private static void describe(HttpMethod method, String path, Operation operation, Map<String, String> scopes) {
        String resource = path.substring(API.length()).split("/")[0];
        String scope = ResourceScopes.scope(resource, method.name());
        scopes.put(
                scope,
                scope.endsWith(":" + ResourceScopes.READ)
                        ? "read " + resource
                        : "create, change and archive " + resource + " (and their files)");
        operation.setSecurity(List.of(new SecurityRequirement().addList(SECURITY_SCHEME, scope)));

        ApiResponses responses = operation.getResponses();
        boolean answersWithBody = responses.entrySet().stream()
                .anyMatch(response -> response.getKey().startsWith("2")
                        && response.getValue().getContent() != null
                        && !response.getValue().getContent().isEmpty());
        addIfAbsent(
                responses,
                "400",
                "Malformed or invalid: a query string, header or body that cannot be parsed, or a value of the"
                        + " wrong type (`errors` names each field).");
        addIfAbsent(
                responses,
                "401",
                new ApiResponse()
                        .description("No valid access token: absent, expired, or not issued for this API.")
                        .addHeaderObject(
                                HttpHeaders.WWW_AUTHENTICATE,
                                header("`Bearer`, with the reason a token was refused (RFC 6750).")));
        addIfAbsent(responses, "403", "The access token lacks the scope `" + scope + "`.");
        if (path.contains("{")) {
            addIfAbsent(responses, "404", "There is no such resource, or it is archived.");
        }
        if (answersWithBody) {
            addIfAbsent(responses, "406", "Accept excludes application/json; refused before anything changes.");
        }
        addIfAbsent(responses, "413", "More query parameters than the server accepts.");
        addIfAbsent(
                responses,
                "415",
                "Content-Type is a wildcard or malformed"
                        + (operation.getRequestBody() == null ? "." : ", or not one this operation takes."));
        addIfAbsent(
                responses,
                "503",
                new ApiResponse()
                        .description("The database or the file storage does not answer; try again after Retry-After.")
                        .addHeaderObject(
                                HttpHeaders.RETRY_AFTER, header("Seconds to wait before trying again.", integer())));
        responses.forEach((status, response) -> {
            if (BODILESS.contains(status)) {
                // springdoc gives every response the method's return type; these never carry a body.
                response.setContent(null);
            } else if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(ref(PROBLEM_SCHEMA)))));
            }
        });
    }

    private static void addIfAbsent(ApiResponses responses, String status, String description) {
        addIfAbsent(responses, status, new ApiResponse().description(description));
    }

    private static void addIfAbsent(ApiResponses responses, String status, ApiResponse response) {
        responses.putIfAbsent(status, response);
    }

    private static Header header(String description) {
        return header(description, new StringSchema());
    }

    private static Header header(String description, Schema<?> schema) {
        return new Header().description(description).schema(schema);
    }

    private static Schema<?> integer() {
        return new IntegerSchema();
    }

    private static String ref(String schema) {
        return "#/components/schemas/" + schema;
    }

    /** The one shape of every error (web.error.Problems builds it). */
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("An RFC 9457 problem detail.")
                .properties(Map.of(
                        "type",
                        new StringSchema()
                                .format("uri")
                                .description("A stable URI naming the kind of problem (docs/api.md#errors)."),
                        "title",
                        new StringSchema().description("The same for every problem of this type."),
                        "status",
                        new IntegerSchema().description("The HTTP status."),
                        "detail",
                        new StringSchema().description("What went wrong with this request, safe to show."),
                        "instance",
                        new StringSchema().format("uri-reference").description("The request's path."),
                        "errors",
                        new ArraySchema()
                                .items(new Schema<>().$ref(ref(FIELD_ERROR_SCHEMA)))
                                .description("For invalid input: each field and what is wrong with it.")))
                .required(List.of("type", "title", "status"));
    }

    private static Schema<?> fieldErrorSchema() {
        return new ObjectSchema()
                .description("One invalid input.")
                .properties(Map.of(
                        "field", new StringSchema().description("The field or parameter."),
                        "message", new StringSchema().description("What is wrong with its value.")))
                .required(List.of("field", "message"));
    }
}
