package dev.keel.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.support.IntegrationTest;
import dev.keel.bootstrap.support.StandaloneKeel;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.issuer.LocalIssuer;
import dev.keel.tools.devservices.test.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The issuer down when a token must be checked (its keys not fetched yet): 503 with {@code Retry-After}, not a 500
 * nor a 401 that would send the client to fetch another token; once it is back, the same token is accepted without
 * a restart.
 */
@ResourceLock(IntegrationTest.SHARED_DATABASE)
class IssuerOutageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aTokenThatCannotBeCheckedIs503UntilTheIssuerIsBack() throws Exception {
        Path home = Files.createTempDirectory("keel-issuer-outage-");
        int issuerPort = Ports.freePort();
        LocalIssuer issuer = LocalIssuer.start(home, issuerPort);
        String token = issuer.token("someone", List.of("widgets:read"));
        issuer.close();

        try (ConfigurableApplicationContext keel = StandaloneKeel.start(
                TestServices.postgres(),
                TestServices.s3(),
                Map.of("spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://127.0.0.1:" + issuerPort))) {
            URI widgets = URI.create("http://127.0.0.1:" + StandaloneKeel.port(keel) + "/api/widgets");

            HttpResponse<String> down = get(widgets, token);
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(down.body()).contains("https://keel.dev/problems/unavailable");

            issuer = LocalIssuer.start(home, issuerPort);
            try {
                HttpResponse<String> back = get(widgets, token);
                // Accepted: 200, or 404 in a fork that removed the example (what matters is past the token check).
                assertThat(back.statusCode()).as(back.body()).isIn(200, 404);
            } finally {
                issuer.close();
            }
        } finally {
            Directories.deleteTree(home);
        }
    }

    private static HttpResponse<String> get(URI uri, String token) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
