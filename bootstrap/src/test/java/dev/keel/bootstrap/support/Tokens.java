package dev.keel.bootstrap.support;

import dev.keel.tools.devservices.test.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Bearer tokens from the test JVM's issuer, for the tests that exercise the API rather than its security. */
public final class Tokens {

    /**
     * Every scope the API has: those the committed OpenAPI document lists (one read and one write per resource,
     * generated ones included) and the health details'.
     */
    public static final String ALL_SCOPES = TestServices.bearer(everyScope().toArray(String[]::new));

    private Tokens() {}

    private static Set<String> everyScope() {
        Set<String> scopes = new TreeSet<>(Set.of("actuator:read"));
        // Tests run in the bootstrap module's directory.
        Path document = Path.of("..", "docs", "openapi.json");
        if (Files.isRegularFile(document)) {
            JsonNode schemes = JsonMapper.builder()
                    .build()
                    .readTree(document.toFile())
                    .path("components")
                    .path("securitySchemes");
            schemes.forEach(scheme -> scheme.path("flows")
                    .forEach(flow -> flow.path("scopes").propertyNames().forEach(scopes::add)));
        }
        return scopes;
    }
}
