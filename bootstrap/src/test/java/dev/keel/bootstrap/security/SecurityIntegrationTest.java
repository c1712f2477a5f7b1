package dev.keel.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keel.bootstrap.support.IntegrationTest;
import dev.keel.bootstrap.support.Tokens;
import dev.keel.tools.devservices.issuer.LocalIssuer;
import dev.keel.tools.devservices.test.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every operation of the OpenAPI document (so a new resource is covered without a line here) with every token the
 * API must refuse: none, expired, not yet valid, for another audience, from another issuer, with a tampered payload,
 * unsigned ({@code alg: none}), signed by another key, and without the operation's scope. Each is a 401 or 403
 * problem detail with RFC 6750's {@code WWW-Authenticate}, and none writes anything.
 */
@IntegrationTest
class SecurityIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private LocalIssuer issuer;

    record Operation(String method, String path) {

        String scope() {
            String resource = path.split("/")[2];
            return ResourceScopes.scope(resource, method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    record RefusedToken(String why, String authorization) {}

    @BeforeEach
    void issuer() {
        issuer = TestServices.issuer();
    }

    @Test
    void everyOperationRefusesEveryBadTokenWithAProblemDetailAndWritesNothing() throws Exception {
        List<Operation> operations = operations();
        if (operations.isEmpty()) {
            System.out.println("security: the OpenAPI document has no /api operations (make remove-example?)");
            return;
        }
        String rowsBefore = rowsPerTable();

        for (Operation operation : operations) {
            for (RefusedToken token : badTokens(operation)) {
                HttpResponse<String> answer = send(operation, token.authorization());
                String what = operation + " with " + token.why();
                assertThat(answer.statusCode()).as(what).isEqualTo(401);
                assertProblem(answer, what, "unauthorized");
                assertThat(answer.headers().firstValue("WWW-Authenticate"))
                        .as(what)
                        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
                if (token.authorization() != null) {
                    assertThat(answer.headers().firstValue("WWW-Authenticate"))
                            .as(what)
                            .hasValueSatisfying(
                                    challenge -> assertThat(challenge).contains("error=\"invalid_token\""));
                }
            }

            String otherScope = operation.scope().endsWith(":read")
                    ? operation.scope().replace(":read", ":write")
                    : operation.scope().replace(":write", ":read");
            HttpResponse<String> withoutScope =
                    send(operation, "Bearer " + issuer.token("someone", List.of(otherScope)));
            String what = operation + " with only " + otherScope;
            assertThat(withoutScope.statusCode()).as(what).isEqualTo(403);
            assertProblem(withoutScope, what, "forbidden");
            assertThat(withoutScope.headers().firstValue("WWW-Authenticate"))
                    .as(what)
                    .hasValueSatisfying(challenge -> assertThat(challenge).contains("error=\"insufficient_scope\""));
        }
        assertThat(rowsPerTable()).as("no refused request wrote").isEqualTo(rowsBefore);

        for (Operation operation : operations) {
            HttpResponse<String> allowed =
                    send(operation, "Bearer " + issuer.token("someone", List.of(operation.scope())));
            assertThat(allowed.statusCode())
                    .as(operation + " with " + operation.scope() + " gets past security: " + allowed.body())
                    .isNotIn(401, 403);
        }
    }

    @Test
    void probesAreOpenAndHealthDetailsNeedTheActuatorScope() throws Exception {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/health")) {
            HttpResponse<String> answer = get(probe, null);
            assertThat(answer.statusCode()).as(probe).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("status").asString()).isEqualTo("UP");
            assertThat(JSON.readTree(answer.body()).has("components"))
                    .as(probe + " hides its parts from anonymous callers")
                    .isFalse();
        }
        JsonNode detailed =
                JSON.readTree(get("/actuator/health", Tokens.ALL_SCOPES).body());
        assertThat(detailed.path("components").has("db")).isTrue();
        JsonNode widgetsOnly =
                JSON.readTree(get("/actuator/health", "Bearer " + issuer.token("someone", List.of("widgets:read")))
                        .body());
        assertThat(widgetsOnly.has("components")).isFalse();
    }

    @Test
    void responsesCarrySecurityHeadersAndNoCrossOriginCallIsAllowedByDefault() throws Exception {
        HttpResponse<String> answer = get("/api/widgets", Tokens.ALL_SCOPES);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(answer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(answer.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> preflight = HTTP.send(
                HttpRequest.newBuilder(uri("/api/widgets"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://elsewhere.example")
                        .header("Access-Control-Request-Method", "POST")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(403);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isEmpty();
        assertProblem(preflight, "a preflight from an origin not allowed", "forbidden");
    }

    private List<RefusedToken> badTokens(Operation operation) throws JOSEException {
        Instant now = Instant.now();
        List<String> scopes = List.of(operation.scope());
        String issuerUri = issuer.endpoint().issuer().toString();
        JWTClaimsSet valid =
                claims(issuerUri, LocalIssuer.AUDIENCE, scopes, now.minusSeconds(10), now.plusSeconds(600));
        List<RefusedToken> tokens = new ArrayList<>();
        tokens.add(new RefusedToken("no token", null));
        tokens.add(new RefusedToken("a malformed token", "Bearer not.a.jwt"));
        tokens.add(new RefusedToken(
                "an expired token",
                bearer(issuer.sign(claims(
                        issuerUri, LocalIssuer.AUDIENCE, scopes, now.minusSeconds(900), now.minusSeconds(300))))));
        tokens.add(new RefusedToken(
                "a token not valid yet",
                bearer(issuer.sign(new JWTClaimsSet.Builder(valid)
                        .notBeforeTime(Date.from(now.plusSeconds(300)))
                        .build()))));
        tokens.add(new RefusedToken(
                "a token for another audience",
                bearer(issuer.sign(
                        claims(issuerUri, "another-api", scopes, now.minusSeconds(10), now.plusSeconds(600))))));
        tokens.add(new RefusedToken(
                "a token from another issuer",
                bearer(issuer.sign(claims(
                        "https://issuer.elsewhere.example",
                        LocalIssuer.AUDIENCE,
                        scopes,
                        now.minusSeconds(10),
                        now.plusSeconds(600))))));
        tokens.add(new RefusedToken("a tampered token", bearer(tampered(issuer.sign(valid)))));
        tokens.add(new RefusedToken("an unsigned token (alg: none)", bearer(unsigned(valid))));
        tokens.add(new RefusedToken("a token signed by another key", bearer(signedByAnotherKey(valid))));
        return tokens;
    }

    private static JWTClaimsSet claims(
            String issuer, String audience, List<String> scopes, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("someone")
                .audience(audience)
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued))
                .expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
    }

    /** The payload changed to grant more, the signature kept. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = payload.replace("\"sub\":\"someone\"", "\"sub\":\"admin\"");
        assertThat(changed).isNotEqualTo(payload);
        return parts[0] + "." + Base64URL.encode(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    private static String unsigned(JWTClaimsSet claims) {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                .toString();
        String payload = Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8))
                .toString();
        return header + "." + payload + ".";
    }

    private static String signedByAnotherKey(JWTClaimsSet claims) throws JOSEException {
        RSAKey other = new RSAKeyGenerator(2048).keyID("other").generate();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("other").build(), claims);
        jwt.sign(new RSASSASigner(other));
        return jwt.serialize();
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static void assertProblem(HttpResponse<String> answer, String what, String type) {
        assertThat(answer.headers().firstValue("Content-Type"))
                .as(what)
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asString()).as(what).isEqualTo("https://keel.dev/problems/" + type);
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(answer.statusCode());
    }

    private List<Operation> operations() throws Exception {
        JsonNode paths = JSON.readTree(get("/v3/api-docs", null).body()).path("paths");
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                if (path.getValue().has(method) && path.getKey().startsWith("/api/")) {
                    operations.add(new Operation(method.toUpperCase(java.util.Locale.ROOT), path.getKey()));
                }
            }
        }
        return operations;
    }

    private HttpResponse<String> send(Operation operation, String authorization) throws Exception {
        String path = operation.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        boolean hasBody = List.of("POST", "PUT", "PATCH").contains(operation.method());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        operation.method(),
                        hasBody
                                ? HttpRequest.BodyPublishers.ofString(
                                        "{\"name\":\"refused-" + UUID.randomUUID() + "\"}")
                                : HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10));
        if (hasBody) {
            request.header(
                    "Content-Type",
                    operation.method().equals("PATCH") ? "application/merge-patch+json" : "application/json");
            request.header("If-Match", "\"1\"");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every table's row count, in one query: whatever resources the API has, a refused request writes to none. */
    private String rowsPerTable() throws Exception {
        return TestServices.postgres().queryForString("""
                SELECT coalesce(string_agg(c.relname || '=' || (xpath('/row/n/text()', query_to_xml(
                           format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname), false, true, '')))[1]::text,
                         ', ' ORDER BY c.relname), '')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'flyway_schema_history'
                """);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
