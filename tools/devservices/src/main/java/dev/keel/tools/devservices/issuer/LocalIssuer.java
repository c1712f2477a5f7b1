package dev.keel.tools.devservices.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keel.tools.devservices.DevServiceException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A token issuer for development and tests, on 127.0.0.1: OAuth2's client-credentials grant ({@code POST
 * /oauth2/token}, RFC 6749 4.4), discovery ({@code /.well-known/openid-configuration} and RFC 8414's
 * {@code oauth-authorization-server}) and its public keys ({@code /oauth2/jwks}). Tokens are RS256 JWTs with
 * {@code iss}, {@code sub}, {@code aud}, {@code scope}, {@code iat}, {@code nbf}, {@code exp} and {@code jti}, as a
 * production issuer (Keycloak, Auth0, Entra ID) gives them. Its signing key and client secret are kept in its
 * directory, so tokens outlive a restart. It is not an authorization server for people: no login, no consent, no
 * refresh tokens; a deployment uses a real one.
 */
public final class LocalIssuer implements AutoCloseable {

    /** The {@code aud} of every token: the API the tokens are for. */
    public static final String AUDIENCE = "keel-api";

    public static final String CLIENT_ID = "keel-dev";

    /** What a token request without {@code scope} is granted. */
    public static final List<String> DEFAULT_SCOPES = List.of("widgets:read", "widgets:write");

    private static final Duration LIFETIME = Duration.ofHours(1);

    /** RFC 6749 3.3: a scope token is printable ASCII without space, quote or backslash. */
    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    /** A development extension: who the token speaks for, instead of the client. */
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final HttpServer server;
    private final ExecutorService executor;
    private final RSAKey key;
    private final IssuerEndpoint endpoint;
    private final Clock clock;

    private LocalIssuer(HttpServer server, ExecutorService executor, RSAKey key, IssuerEndpoint endpoint, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.key = key;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port), with the key and secret kept in {@code home}. */
    public static LocalIssuer start(Path home, int port) {
        try {
            Files.createDirectories(home);
            RSAKey key = signingKey(home.resolve("signing-key.json"));
            String secret = clientSecret(home.resolve("client-secret"));
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            URI issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            LocalIssuer started = new LocalIssuer(
                    server, executor, key, new IssuerEndpoint(issuer, AUDIENCE, CLIENT_ID, secret), Clock.systemUTC());
            server.createContext("/", started::handle);
            server.start();
            return started;
        } catch (BindException e) {
            throw new DevServiceException("Port " + port + " is taken, so the development token issuer cannot start "
                    + "there.\n  Fix: stop what uses it, or set KEEL_ISSUER_PORT to a free port.");
        } catch (IOException | JOSEException | ParseException e) {
            throw new DevServiceException("The development token issuer could not start in " + home + ": " + e, e);
        }
    }

    /** The client secret a running issuer keeps in {@code home}, for {@code make token}. */
    public static Optional<String> keptClientSecret(Path home) throws IOException {
        Path file = home.resolve("client-secret");
        return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
    }

    public IssuerEndpoint endpoint() {
        return endpoint;
    }

    /** A token as the token endpoint issues it, for {@code subject} with {@code scopes}. */
    public String token(String subject, List<String> scopes) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder()
                .issuer(endpoint.issuer().toString())
                .subject(subject)
                .audience(AUDIENCE)
                .claim("scope", String.join(" ", scopes))
                .claim("client_id", CLIENT_ID)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build());
    }

    /** Any claims, signed with this issuer's key: for tests of what the API refuses (expired, another audience). */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("an RSA key signs", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // Swagger UI asks for tokens from the application's origin.
            exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
                exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "Authorization, Content-Type");
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            switch (path) {
                case "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server" ->
                    requireGet(exchange, () -> json(exchange, 200, metadata()));
                case "/oauth2/jwks" -> requireGet(exchange, () -> send(exchange, 200, new JWKSet(key).toString(true)));
                case "/oauth2/token" -> {
                    if (!method.equals("POST")) {
                        exchange.getResponseHeaders().add("Allow", "POST");
                        json(exchange, 405, Map.of("error", "invalid_request", "error_description", "use POST"));
                    } else {
                        issue(exchange);
                    }
                }
                default -> json(exchange, 404, Map.of("error", "not_found"));
            }
        }
    }

    private interface Response {
        void send() throws IOException;
    }

    private static void requireGet(HttpExchange exchange, Response response) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            response.send();
        } else {
            exchange.getResponseHeaders().add("Allow", "GET");
            json(exchange, 405, Map.of("error", "invalid_request", "error_description", "use GET"));
        }
    }

    private Map<String, Object> metadata() {
        String issuer = endpoint.issuer().toString();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", issuer);
        metadata.put("token_endpoint", endpoint.tokenEndpoint().toString());
        metadata.put("jwks_uri", endpoint.jwkSetUri().toString());
        metadata.put("grant_types_supported", List.of("client_credentials"));
        metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        metadata.put("scopes_supported", DEFAULT_SCOPES);
        metadata.put("response_types_supported", List.of("token"));
        metadata.put("subject_types_supported", List.of("public"));
        metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return metadata;
    }

    /** RFC 6749 4.4: client credentials, the client authenticated by HTTP Basic or in the form. */
    private void issue(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        Optional<String[]> credentials = basicCredentials(exchange).or(() -> Optional.ofNullable(form.get("client_id"))
                .map(id -> new String[] {id, form.getOrDefault("client_secret", "")}));
        if (credentials.isEmpty()
                || !credentials.get()[0].equals(endpoint.clientId())
                || !constantTimeEquals(credentials.get()[1], endpoint.clientSecret())) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"keel-dev-issuer\"");
            json(exchange, 401, Map.of("error", "invalid_client", "error_description", "unknown client or secret"));
            return;
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            json(
                    exchange,
                    400,
                    Map.of(
                            "error",
                            "unsupported_grant_type",
                            "error_description",
                            "this issuer grants client_credentials"));
            return;
        }
        List<String> scopes = Optional.ofNullable(form.get("scope"))
                .map(scope -> List.of(scope.strip().split(" +")))
                .filter(list -> !list.getFirst().isEmpty())
                .orElse(DEFAULT_SCOPES);
        if (!scopes.stream().allMatch(scope -> SCOPE_TOKEN.matcher(scope).matches())) {
            json(exchange, 400, Map.of("error", "invalid_scope", "error_description", "malformed scope"));
            return;
        }
        String subject = form.getOrDefault("subject", endpoint.clientId());
        if (!SUBJECT.matcher(subject).matches()) {
            json(
                    exchange,
                    400,
                    Map.of("error", "invalid_request", "error_description", "subject: [A-Za-z0-9._@-]{1,64}"));
            return;
        }
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token(subject, scopes));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", LIFETIME.toSeconds());
        answer.put("scope", String.join(" ", scopes));
        json(exchange, 200, answer);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readNBytes(16 * 1024), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                form.putIfAbsent(
                        URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // A malformed pair is no parameter.
            }
        }
        return form;
    }

    private static Optional<String[]> basicCredentials(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded =
                    new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0
                    ? Optional.empty()
                    : Optional.of(new String[] {
                        URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                        URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
                    });
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean constantTimeEquals(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, JSONObjectUtils.toJSONString(body));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static RSAKey signingKey(Path file) throws IOException, JOSEException, ParseException {
        if (Files.exists(file)) {
            return RSAKey.parse(Files.readString(file));
        }
        RSAKey key = new RSAKeyGenerator(2048)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .keyIDFromThumbprint(true)
                .generate();
        writePrivate(file, key.toJSONString());
        return key;
    }

    private static String clientSecret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writePrivate(file, secret + "\n");
        return secret;
    }

    /** Written readable by its owner only, and whole or not at all. */
    private static void writePrivate(Path file, String content) throws IOException {
        Path staging = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(staging, content);
        Files.move(staging, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
