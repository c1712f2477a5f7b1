package dev.keel.tools.devservices.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** make token asks for every scope the API's document lists, so a new resource needs no SCOPES= to try. */
class TokenCommandTest {

    @TempDir
    Path folder;

    @Test
    void theDefaultScopesAreThoseTheOpenApiDocumentLists() throws Exception {
        Path document = folder.resolve("openapi.json");
        Files.writeString(document, """
                {"openapi": "3.1.0", "components": {"securitySchemes": {"oauth2": {"type": "oauth2", "flows": {
                  "clientCredentials": {"tokenUrl": "http://127.0.0.1:9400/oauth2/token",
                    "scopes": {"widgets:write": "change widgets", "gadgets:read": "read gadgets",
                               "widgets:read": "read widgets"}}}}}}}
                """);

        assertThat(TokenCommand.documentedScopes(document))
                .containsExactly("gadgets:read", "widgets:read", "widgets:write");
    }

    @Test
    void withoutADocumentTheIssuersDefaultsApply() throws Exception {
        assertThat(TokenCommand.documentedScopes(folder.resolve("missing.json")))
                .isEmpty();
        Path broken = folder.resolve("broken.json");
        Files.writeString(broken, "{not json");
        assertThat(TokenCommand.documentedScopes(broken)).isEmpty();
        Path noScheme = folder.resolve("plain.json");
        Files.writeString(noScheme, "{\"openapi\": \"3.1.0\", \"paths\": {}}");
        assertThat(TokenCommand.documentedScopes(noScheme)).isEmpty();
    }
}
