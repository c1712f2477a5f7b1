package dev.keel.tools.devservices.issuer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make token}: asks the development issuer that {@code make run} started for a token, as any OAuth2 client
 * would (client credentials at its token endpoint), and prints it alone, for {@code curl -H "Authorization: Bearer
 * $(make -s token)"}. Settings: {@code SCOPES} (space-separated), {@code SUBJECT}, {@code KEEL_ISSUER_PORT}, {@code
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

    private static void fail(String message) {
        System.err.println("keel: make token: " + message);
        System.exit(1);
    }
}
