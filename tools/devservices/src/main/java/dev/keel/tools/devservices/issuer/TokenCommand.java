package dev.keel.tools.devservices.issuer;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make token}: asks the development issuer that {@code make run} started for a token, as any OAuth2 client
 * would (client credentials at its token endpoint), and prints it alone, for {@code curl -H "Authorization: Bearer
 * $(make -s token)"}. Settings: {@code SCOPES} (space-separated; every scope docs/openapi.json lists when unset),
 * {@code SUBJECT}, {@code KEEL_ISSUER_PORT}, {@code
 * KEEL_DATA_DIR}.
 */
public final class TokenCommand {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private TokenCommand() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path issuerHome = Path.of(env.getOrDefault("KEEL_DATA_DIR", ".keel")).resolve("issuer");
        String port = env.getOrDefault("KEEL_ISSUER_PORT", "9400");
        Optional<String> secret = LocalIssuer.keptClientSecret(issuerHome);
        if (secret.isEmpty()) {
            fail("there is no development issuer in " + issuerHome + " yet.\n  Fix: start Keel with make run first.");
        }
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        String scopes = env.getOrDefault("SCOPES", "");
        if (scopes.isBlank()) {
            scopes = String.join(" ", documentedScopes(Path.of("docs/openapi.json")));
        }
        if (!scopes.isBlank()) {
            form.append("&scope=").append(URLEncoder.encode(scopes.strip(), StandardCharsets.UTF_8));
        }
        String subject = env.getOrDefault("SUBJECT", "");
        if (!subject.isBlank()) {
            form.append("&subject=").append(URLEncoder.encode(subject.strip(), StandardCharsets.UTF_8));
        }
        URI tokenEndpoint = URI.create("http://127.0.0.1:" + port + "/oauth2/token");
        String basic = Base64.getEncoder()
                .encodeToString((LocalIssuer.CLIENT_ID + ":" + secret.get()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer;
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()) {
            answer = http.send(
                    HttpRequest.newBuilder(tokenEndpoint)
                            .header("Authorization", "Basic " + basic)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            fail("the development issuer does not answer at " + tokenEndpoint + " (" + e.getMessage() + ").\n"
                    + "  Fix: start Keel with make run (the issuer runs while it does).");
            return;
        }
        Matcher token = ACCESS_TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            fail("the issuer refused: HTTP " + answer.statusCode() + " " + answer.body());
        }
        System.out.println(token.group(1));
    }

    /**
     * Every scope the API's committed OpenAPI document lists (the OAuth2 scheme's, one read and one write per
     * resource), so a token from {@code make token} reaches every resource the team has, generated ones included.
     * None when there is no document: the issuer then grants its defaults.
     */
    static List<String> documentedScopes(Path document) {
        if (!Files.isRegularFile(document)) {
            return List.of();
        }
        try {
            Map<String, Object> api = JSONObjectUtils.parse(Files.readString(document));
            Set<String> scopes = new TreeSet<>();
            Map<String, Object> schemes = JSONObjectUtils.getJSONObject(
                    Optional.ofNullable(JSONObjectUtils.getJSONObject(api, "components"))
                            .orElse(Map.of()),
                    "securitySchemes");
            for (Object scheme : Optional.ofNullable(schemes).orElse(Map.of()).values()) {
                if (scheme instanceof Map<?, ?> fields && fields.get("flows") instanceof Map<?, ?> flows) {
                    for (Object flow : flows.values()) {
                        if (flow instanceof Map<?, ?> grant && grant.get("scopes") instanceof Map<?, ?> listed) {
                            listed.keySet().forEach(scope -> scopes.add(String.valueOf(scope)));
                        }
                    }
                }
            }
            return List.copyOf(scopes);
        } catch (IOException | ParseException e) {
            return List.of();
        }
    }

    private static void fail(String message) {
        System.err.println("keel: make token: " + message);
        System.exit(1);
    }
}
