package dev.keel.bootstrap.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keel.bootstrap.support.StandaloneKeel;
import dev.keel.tools.devservices.issuer.IssuerEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One request followed through every signal, as production emits them: JSON log lines (ECS), its spans sent over
 * OTLP to a receiver in this test (an HTTP server decoding the protobuf OpenTelemetry defines), and the trace id on
 * its answer, in its problem detail and in its log line, all the same; metrics at /actuator/prometheus for a
 * caller with actuator:read.
 */
// It reads the console: an application starting beside it would reconfigure the logging it reads.
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aRequestsTraceIdIsOnItsAnswerItsProblemItsLogLineAndItsSpansIncludingItsSql(CapturedOutput output)
            throws Exception {
        List<Span> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (exchange) {
                ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(
                        exchange.getRequestBody().readAllBytes());
                export.getResourceSpansList().forEach(resource -> resource.getScopeSpansList()
                        .forEach(scope -> received.addAll(scope.getSpansList())));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        try (ConfigurableApplicationContext keel = start(receiver.getAddress().getPort())) {
            String base = "http://127.0.0.1:" + StandaloneKeel.port(keel);
            IssuerEndpoint issuer = TestServices.issuer().endpoint();
            String token = TestServices.issuer().token("observer", List.of("widgets:read", "actuator:read"));

            HttpResponse<String> missing = get(base + "/api/widgets/" + UUID.randomUUID(), token);
            assertThat(missing.statusCode()).isEqualTo(404);
            String traceId = missing.headers().firstValue(TraceIds.HEADER).orElseThrow();
            assertThat(traceId).matches("[0-9a-f]{32}");
            assertThat(JSON.readTree(missing.body()).path("traceId").asString())
                    .as("the problem detail names the trace")
                    .isEqualTo(traceId);

            HttpResponse<String> refused = get(base + "/api/widgets", null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(refused.body()).path("traceId").asString())
                    .as("a refusal by security names its trace too")
                    .isEqualTo(refused.headers().firstValue(TraceIds.HEADER).orElseThrow());

            HttpResponse<String> ready = get(base + "/actuator/health/readiness", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            String readyTrace = ready.headers().firstValue(TraceIds.HEADER).orElseThrow();

            // A request that queries (this test's own endpoint, there in every fork): its SQL is a span in its trace.
            HttpResponse<String> queried = get(base + OneQuery.PATH, null);
            assertThat(queried.statusCode()).as(queried.body()).isEqualTo(200);
            String queryTrace = queried.headers().firstValue(TraceIds.HEADER).orElseThrow();

            // A server span ends after the spans under it, so it may come in a later batch.
            awaitUntil(() -> output.getOut().contains(traceId)
                    && hasServerSpan(spansOf(received, traceId))
                    && hasServerSpan(spansOf(received, readyTrace))
                    && hasServerSpan(spansOf(received, queryTrace)));
            JsonNode logLine = output.getOut()
                    .lines()
                    .filter(line -> line.startsWith("{") && line.contains(traceId) && line.contains("/api/widgets/"))
                    .map(JSON::readTree)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no JSON log line with trace " + traceId));
            assertThat(logLine.path("message").asString())
                    .startsWith("GET /api/widgets/")
                    .contains(" 404 ");
            assertThat(logLine.toString()).contains(traceId);

            assertThat(hasServerSpan(spansOf(received, traceId)))
                    .as("the request's span")
                    .isTrue();
            assertThat(names(spansOf(received, traceId)))
                    .as("no spans of Spring Security's own around its filters, authentication and authorization")
                    .noneMatch(name -> name.matches("(?i).*(security|authenticat|authoriz).*"));
            List<Span> readySpans = spansOf(received, readyTrace);
            assertThat(hasServerSpan(readySpans))
                    .as("the readiness request's span")
                    .isTrue();
            List<Span> querySpans = spansOf(received, queryTrace);
            assertThat(querySpans)
                    .as("the query's span in the request's trace: " + names(querySpans))
                    .anySatisfy(span -> assertThat(span.getName() + span.getAttributesList())
                            .containsIgnoringCase("jdbc")
                            .contains(OneQuery.SQL));

            assertThat(get(base + "/actuator/prometheus", null).statusCode()).isEqualTo(401);
            assertThat(get(
                                    base + "/actuator/prometheus",
                                    TestServices.issuer().token("observer", List.of("widgets:read")))
                            .statusCode())
                    .isEqualTo(403);
            HttpResponse<String> metrics = get(base + "/actuator/prometheus", token);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("http_server_requests_seconds_count")
                    .contains("hikaricp_connections_active")
                    .contains("s3_client_requests_seconds_count{")
                    .contains("operation=\"HeadBucket\"");
            assertThat(issuer.issuer()).isNotNull();
        } finally {
            receiver.stop(0);
        }
    }

    /** One query on the application's DataSource, answered over HTTP: a request with SQL in every fork. */
    @RestController
    static class OneQuery {

        static final String PATH = "/observability-test/one-query";
        static final String SQL = "SELECT 7130 AS observed";

        private final JdbcTemplate jdbc;

        OneQuery(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping(PATH)
        String query() {
            return String.valueOf(jdbc.queryForObject(SQL, Integer.class));
        }
    }

    private static ConfigurableApplicationContext start(int otlpPort) {
        // Spring Boot configures Logback once per JVM until a context closes: after the shared test context (plain
        // console lines, still open in the cache) this application would not get its JSON lines. Cleaned up, its
        // start configures logging anew, as a production process's only start does.
        LoggingSystem.get(ObservabilityIntegrationTest.class.getClassLoader()).cleanUp();
        return StandaloneKeel.start(
                TestServices.postgres(),
                TestServices.s3(),
                Map.of(
                        // As the prod profile has it: JSON lines, and one per request.
                        "logging.structured.format.console",
                        "ecs",
                        "logging.level.dev.keel.requests",
                        "info",
                        "management.opentelemetry.tracing.export.otlp.endpoint",
                        "http://127.0.0.1:" + otlpPort + "/v1/traces",
                        "management.opentelemetry.tracing.export.schedule-delay",
                        "100ms"),
                OneQuery.class);
    }

    private static List<Span> spansOf(List<Span> spans, String traceId) {
        byte[] id = HexFormat.of().parseHex(traceId);
        return spans.stream()
                .filter(span -> java.util.Arrays.equals(span.getTraceId().toByteArray(), id))
                .toList();
    }

    private static boolean hasServerSpan(List<Span> spans) {
        return spans.stream().anyMatch(span -> span.getKind() == Span.SpanKind.SPAN_KIND_SERVER);
    }

    private static List<String> names(List<Span> spans) {
        return spans.stream().map(Span::getName).toList();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> get(String uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
