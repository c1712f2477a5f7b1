package dev.keel.tools.devservices.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.keel.tools.devservices.Directories;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The development issuer as an OAuth2 client and a resource server meet it: over HTTP, nothing mocked. */
class LocalIssuerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Path home;
    private LocalIssuer issuer;

    @BeforeEach
    void start() throws Exception {
        home = Files.createTempDirectory("keel-issuer-test-");
        issuer = LocalIssuer.start(home, 0);
    }

    @AfterEach
    void stop() throws Exception {
        issuer.close();
        Directories.deleteTree(home);
    }

    @Test
    void discoveryNamesItselfItsTokenEndpointAndItsKeys() throws Exception {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            HttpResponse<String> metadata = get(path);
            assertThat(metadata.statusCode()).isEqualTo(200);
            assertThat(metadata.body())
                    .contains("\"issuer\":\"" + issuer.endpoint().issuer() + "\"")
                    .contains("\"token_endpoint\":\"" + issuer.endpoint().tokenEndpoint() + "\"")
                    .contains("\"jwks_uri\":\"" + issuer.endpoint().jwkSetUri() + "\"")
                    .contains("client_credentials");
        }
        JWKSet keys = JWKSet.parse(get("/oauth2/jwks").body());
        assertThat(keys.getKeys()).hasSize(1);
        assertThat(keys.getKeys().getFirst().isPrivate())
                .as("only the public key is published")
                .isFalse();
    }

    @Test
    void clientCredentialsGiveASignedTokenWithTheClaimsAResourceServerChecks() throws Exception {
        HttpResponse<String> answer = token(
                basic(issuer.endpoint().clientSecret()),
                "grant_type=client_credentials" + "&scope=widgets%3Aread+reports%3Aread&subject=alice");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        String token = answer.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");

        SignedJWT jwt = SignedJWT.parse(token);
        RSAKey published =
                (RSAKey) JWKSet.parse(get("/oauth2/jwks").body()).getKeys().getFirst();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(published.getKeyID());
        assertThat(jwt.verify(new RSASSAVerifier(published))).isTrue();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(issuer.endpoint().issuer().toString());
        assertThat(claims.getAudience()).containsExactly("keel-api");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaim("scope")).isEqualTo("widgets:read reports:read");
        assertThat(claims.getExpirationTime().toInstant())
                .isBetween(Instant.now(), Instant.now().plusSeconds(3700));
        assertThat(claims.getNotBeforeTime().toInstant()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void theClientMayAuthenticateInTheFormAndGetsTheDefaultScopes() throws Exception {
        HttpResponse<String> answer = token(
                null,
                "grant_type=client_credentials&client_id=keel-dev&client_secret="
                        + issuer.endpoint().clientSecret());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"scope\":\"widgets:read widgets:write\"");
    }

    @Test
    void refusesWhatRfc6749Refuses() throws Exception {
        HttpResponse<String> wrongSecret = token(basic("not-the-secret"), "grant_type=client_credentials");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(wrongSecret.body()).contains("invalid_client");
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(token(null, "grant_type=client_credentials").statusCode()).isEqualTo(401);

        HttpResponse<String> password =
                token(basic(issuer.endpoint().clientSecret()), "grant_type=password&username=a&password=b");
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(password.body()).contains("unsupported_grant_type");

        HttpResponse<String> badScope =
                token(basic(issuer.endpoint().clientSecret()), "grant_type=client_credentials&scope=a%22b");
        assertThat(badScope.statusCode()).isEqualTo(400);
        assertThat(badScope.body()).contains("invalid_scope");

        HttpResponse<String> get = get("/oauth2/token");
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void itsKeyAndSecretOutliveARestartAndAreReadableByTheirOwnerOnly() throws Exception {
        String secret = issuer.endpoint().clientSecret();
        String key = get("/oauth2/jwks").body();
        issuer.close();
        issuer = LocalIssuer.start(home, 0);
        assertThat(issuer.endpoint().clientSecret()).isEqualTo(secret);
        assertThat(get("/oauth2/jwks").body()).isEqualTo(key);
        assertThat(LocalIssuer.keptClientSecret(home)).hasValue(secret);
        for (String file : List.of("signing-key.json", "client-secret")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(file))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void swaggerUiMayAskFromAnotherOrigin() throws Exception {
        HttpResponse<String> preflight = HTTP.send(
                HttpRequest.newBuilder(issuer.endpoint().tokenEndpoint())
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://127.0.0.1:8080")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue("*");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(headers -> assertThat(headers).contains("Authorization"));
    }

    private String basic(String secret) {
        return "Basic " + Base64.getEncoder().encodeToString(("keel-dev:" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> token(String authorization, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(issuer.endpoint().tokenEndpoint())
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer.endpoint().issuer() + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
