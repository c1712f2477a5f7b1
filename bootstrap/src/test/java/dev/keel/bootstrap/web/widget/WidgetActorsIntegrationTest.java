package dev.keel.bootstrap.web.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.keel.bootstrap.support.IntegrationTest;
import dev.keel.tools.devservices.issuer.LocalIssuer;
import dev.keel.tools.devservices.test.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who did it, end to end: the token's subject becomes created_by and updated_by, in the API and in the row. */
@IntegrationTest
class WidgetActorsIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SCOPES = List.of("widgets:read", "widgets:write");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private HttpResponse<String> send(String method, String path, String authorization, String json, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", authorization);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String tokenFor(String subject) {
        return "Bearer " + TestServices.issuer().token(subject, SCOPES);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private Map<String, Object> row(String id) {
        return jdbc.queryForMap("SELECT created_by, updated_by FROM widget WHERE id = ?::uuid", id);
    }

    @Test
    void theCreatorStaysAndEachChangeNamesWhoMadeIt() throws Exception {
        String name = "Audited " + UUID.randomUUID();
        HttpResponse<String> created = send("POST", "/api/widgets", tokenFor("alice"), "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).path("id").asString();
        assertThat(json(created).path("createdBy").asString()).isEqualTo("alice");
        assertThat(json(created).path("updatedBy").asString()).isEqualTo("alice");
        assertThat(row(id)).containsEntry("created_by", "alice").containsEntry("updated_by", "alice");

        HttpResponse<String> changed =
                send("PATCH", "/api/widgets/" + id, tokenFor("bob"), "{\"status\":\"ACTIVE\"}", "If-Match", "\"0\"");
        assertThat(changed.statusCode()).isEqualTo(200);

        JsonNode read = json(send("GET", "/api/widgets/" + id, tokenFor("carol"), null));
        assertThat(read.path("createdBy").asString()).isEqualTo("alice");
        assertThat(read.path("updatedBy").asString())
                .as("a read changes nothing")
                .isEqualTo("bob");
        assertThat(row(id)).containsEntry("created_by", "alice").containsEntry("updated_by", "bob");

        assertThat(send("DELETE", "/api/widgets/" + id, tokenFor("dave"), null).statusCode())
                .isEqualTo(204);
        assertThat(row(id)).containsEntry("created_by", "alice").containsEntry("updated_by", "dave");

        HttpResponse<String> restored = send("POST", "/api/widgets/" + id + "/restore", tokenFor("erin"), null);
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(json(restored).path("createdBy").asString()).isEqualTo("alice");
        assertThat(json(restored).path("updatedBy").asString()).isEqualTo("erin");
        assertThat(row(id)).containsEntry("created_by", "alice").containsEntry("updated_by", "erin");
    }

    @Test
    void aTokenWithoutAUsableSubjectIsRefusedAndWritesNothing() throws Exception {
        LocalIssuer issuer = TestServices.issuer();
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer.endpoint().issuer().toString())
                .audience(LocalIssuer.AUDIENCE)
                .claim("scope", String.join(" ", SCOPES))
                .issueTime(Date.from(now.minusSeconds(10)))
                .notBeforeTime(Date.from(now.minusSeconds(10)))
                .expirationTime(Date.from(now.plusSeconds(600)));
        Long before = jdbc.queryForObject("SELECT count(*) FROM widget", Long.class);

        for (String authorization : List.of(
                "Bearer " + issuer.sign(claims.build()),
                "Bearer " + issuer.sign(claims.subject(" ").build()),
                "Bearer " + issuer.sign(claims.subject("x".repeat(256)).build()))) {
            HttpResponse<String> refused =
                    send("POST", "/api/widgets", authorization, "{\"name\":\"Nobody's " + UUID.randomUUID() + "\"}");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(challenge -> assertThat(challenge).contains("error=\"invalid_token\""));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM widget", Long.class))
                .isEqualTo(before);
    }

    @Test
    void theOpenApiDocumentShowsWhoDidItButAsksNoClientForAnActor() throws Exception {
        JsonNode document = json(send("GET", "/v3/api-docs", tokenFor("alice"), null));

        List<String> parameters = document.path("paths")
                .valueStream()
                .flatMap(JsonNode::valueStream)
                .flatMap(operation -> operation.path("parameters").valueStream())
                .map(parameter -> parameter.path("name").asString())
                .toList();
        assertThat(parameters).isNotEmpty().doesNotContain("actor");
        assertThat(document.path("components").path("schemas").has("Actor")).isFalse();
        assertThat(document.path("components")
                        .path("schemas")
                        .path("WidgetResponse")
                        .path("properties")
                        .has("createdBy"))
                .isTrue();
    }
}
