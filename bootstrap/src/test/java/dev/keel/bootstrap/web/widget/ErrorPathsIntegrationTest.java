package dev.keel.bootstrap.web.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.support.IntegrationTest;
import dev.keel.bootstrap.support.RawHttp;
import dev.keel.bootstrap.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bad input over real HTTP, byte by byte: every refusal is a 4xx problem detail with nothing of
 * the server's insides in it, from whichever layer refused it (Tomcat, a filter, Spring MVC, the
 * advice), and a refused write leaves the widget as it was.
 */
@IntegrationTest
class ErrorPathsIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String JSON_TYPE = "application/json";

    @LocalServerPort
    int port;

    private RawHttp http;

    @BeforeEach
    void connect() {
        http = new RawHttp(port);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "?cursor=%",
                "?status=%ZZ",
                "?=x",
                "?limit=%E0%A4%A",
                "?status=%C3%28",
                "?a=1&=2&limit=3",
            })
    void aMalformedQueryStringIs400(String query) throws Exception {
        RawHttp.Response response = http.request("GET", "/api/widgets" + query);

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void aMalformedFormBodyIs400() throws Exception {
        RawHttp.Response response =
                http.send("POST", "/api/widgets", "a=%&=b", "Content-Type", "application/x-www-form-urlencoded");

        assertProblem(response, 400, "malformed-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "*", "garbage", "application/json;charset=nope", "/json"})
    void aWildcardOrMalformedContentTypeIs415AndCreatesNothing(String contentType) throws Exception {
        String name = uniqueName("Wildcard");

        RawHttp.Response response = http.send("POST", "/api/widgets", nameJson(name), "Content-Type", contentType);

        assertProblem(response, 415, "unsupported-media-type");
        assertNameIsFree(name);
    }

    @Test
    void aHeaderOverTheLimitIsAProblemNotTomcatsPage() throws Exception {
        RawHttp.Response response = http.request("GET", "/api/widgets", "If-Match", "\"" + "1".repeat(10_240) + "\"");

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void aQueryStringOverTheLimitIsAProblemNotTomcatsPage() throws Exception {
        RawHttp.Response response = http.request("GET", "/api/widgets?status=" + "A".repeat(10_240));

        assertProblem(response, 400, "malformed-request");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/wid{gets", "/api/widgets/%", "/api/widgets/a%2Fb", "/api/../../etc/passwd"})
    void aPathTomcatRefusesIsAProblem(String path) throws Exception {
        assertProblem(http.request("GET", path), 400, "malformed-request");
    }

    @Test
    void aBrokenRequestLineOrHeaderIsAProblem() throws Exception {
        assertProblem(http.request("G@T", "/api/widgets"), 400, "malformed-request");
        assertProblem(
                http.sendBytes(("POST /api/widgets HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                + "Content-Type: application/json\r\nContent-Length: many\r\n\r\n{}")
                        .getBytes()),
                400,
                "malformed-request");
        assertProblem(
                http.sendBytes("GET /api/widgets HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n".getBytes()),
                400,
                "malformed-request");
    }

    /** Tomcat says 501 or 505 for these; what a client sends never gets a 5xx. */
    @Test
    void whatTomcatDoesNotImplementIsA4xxProblemNotA5xx() throws Exception {
        RawHttp.Response connect = http.request("CONNECT", "/api/widgets");
        assertProblem(connect, 405, "method-not-allowed");
        assertThat(connect.header("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST", "PATCH"));
        assertProblem(http.request("FROB", "/api/widgets"), 405, "method-not-allowed");
        assertProblem(
                http.sendBytes(("POST /api/widgets HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                                + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n{}")
                        .getBytes()),
                400,
                "malformed-request");
        assertProblem(
                http.sendBytes("GET /api/widgets HTTP/9.9\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes()),
                400,
                "http-version-not-supported");
    }

    /** Found by the fuzz: Spring's FormContentFilter parsed such a body before any handler, and threw. */
    @Test
    void aMalformedFormOnAPutIsAProblemNotA500() throws Exception {
        RawHttp.Response response = http.send(
                "PUT",
                "/api/widgets/" + UUID.randomUUID() + "/attachment",
                "a=%\u001f&b",
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(response.status()).as(response.body()).isBetween(400, 499);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aJsonBodyOverTheLimitIs413BeforeItIsReadAndCreatesNothing() throws Exception {
        String name = "Too large " + System.nanoTime();
        String padded = "{\"name\":\"" + name + "\",\"padding\":\"" + "x".repeat(1_100_000) + "\"}";
        assertProblem(
                http.sendCutShort("POST", "/api/widgets", "{\"name\":", 50_000_000L, "Content-Type", JSON_TYPE),
                413,
                "payload-too-large");

        StringBuilder chunked = new StringBuilder("POST /api/widgets HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\nAuthorization: " + Tokens.ALL_SCOPES + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int start = 0; start < padded.length(); start += 8192) {
            String chunk = padded.substring(start, Math.min(padded.length(), start + 8192));
            chunked.append(Integer.toHexString(chunk.length()))
                    .append("\r\n")
                    .append(chunk)
                    .append("\r\n");
        }
        chunked.append("0\r\n\r\n");
        RawHttp.Response response = http.sendBytes(chunked.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertProblem(response, 413, "payload-too-large");
        assertThat(response.body()).contains("keel.api.max-json-size");
        assertThat(http.request("GET", "/api/widgets?limit=100").body()).doesNotContain(name);
    }

    @Test
    void traceIs405AsAProblem() throws Exception {
        assertProblem(http.request("TRACE", "/api/widgets"), 405, "method-not-allowed");
    }

    @Test
    void anUnknownPathAndTheErrorPathItselfAre404Problems() throws Exception {
        assertProblem(http.request("GET", "/no-such-thing"), 404, "not-found");
        assertProblem(http.request("GET", "/error"), 404, "not-found");
    }

    @Test
    void anUnparseableAcceptIs406AsAProblem() throws Exception {
        assertProblem(http.request("GET", "/api/widgets", "Accept", "garbage"), 406, "not-acceptable");
        assertProblem(http.request("GET", "/api/widgets", "Accept", "text/html"), 406, "not-acceptable");
    }

    // ---- No write behind a refusal, on every write operation ----

    @Test
    void aCreateThatCannotBeAnsweredAsAskedCreatesNothing() throws Exception {
        String name = uniqueName("Html");

        RawHttp.Response response =
                http.send("POST", "/api/widgets", nameJson(name), "Content-Type", JSON_TYPE, "Accept", "text/html");

        assertProblem(response, 406, "not-acceptable");
        assertNameIsFree(name);
    }

    @Test
    void aCreateWithABodyShorterThanItsLengthCreatesNothing() throws Exception {
        RawHttp.Response response =
                http.sendCutShort("POST", "/api/widgets", "{\"name\":\"Sho", 100L, "Content-Type", JSON_TYPE);

        assertProblem(response, 400, "malformed-request");
        assertNameIsFree("Sho");
    }

    @Test
    void anUpdateRefusedForAnyReasonChangesNothing() throws Exception {
        String id = createWidget();
        String patch = "{\"status\":\"ACTIVE\"}";
        String target = "/api/widgets/" + id;

        assertProblem(
                http.send(
                        "PATCH", target, patch, "Content-Type", JSON_TYPE, "If-Match", "\"0\"", "Accept", "text/html"),
                406,
                "not-acceptable");
        assertProblem(
                http.send("PATCH", target, patch, "Content-Type", JSON_TYPE, "If-Match", "\"0\"", "Accept", "garbage"),
                406,
                "not-acceptable");
        assertProblem(
                http.send("PATCH", target, patch, "Content-Type", "text/plain", "If-Match", "\"0\""),
                415,
                "unsupported-media-type");
        assertProblem(
                http.send("PATCH", target, patch, "Content-Type", "*/*", "If-Match", "\"0\""),
                415,
                "unsupported-media-type");
        assertProblem(
                http.send("PATCH", target + "?=x", patch, "Content-Type", JSON_TYPE, "If-Match", "\"0\""),
                400,
                "malformed-request");
        assertProblem(
                http.sendCutShort(
                        "PATCH", target, "{\"status\":\"ACT", 100L, "Content-Type", JSON_TYPE, "If-Match", "\"0\""),
                400,
                "malformed-request");
        assertProblem(
                http.send("PATCH", target, patch, "Content-Type", JSON_TYPE, "If-Match", "W/\"0\""),
                412,
                "stale-version");

        JsonNode widget = read(id);
        assertThat(widget.path("version").asLong()).isZero();
        assertThat(widget.path("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void anArchiveRefusedChangesNothing() throws Exception {
        String id = createWidget();
        String target = "/api/widgets/" + id;

        assertProblem(http.request("DELETE", target + "?cursor=%"), 400, "malformed-request");
        assertProblem(http.request("DELETE", target, "Content-Type", "*/*"), 415, "unsupported-media-type");

        assertThat(http.request("GET", target).status()).isEqualTo(200);
    }

    @Test
    void aRestoreThatCannotBeAnsweredAsAskedRestoresNothing() throws Exception {
        String id = createWidget();
        String target = "/api/widgets/" + id;
        assertThat(http.request("DELETE", target).status()).isEqualTo(204);

        assertProblem(http.request("POST", target + "/restore", "Accept", "text/html"), 406, "not-acceptable");
        assertProblem(http.request("POST", target + "/restore?=x"), 400, "malformed-request");

        assertProblem(http.request("GET", target), 404, "not-found");
    }

    @Test
    void anUploadRefusedOrCutShortAttachesNothing() throws Exception {
        String id = createWidget();
        String target = "/api/widgets/" + id + "/attachment";

        assertProblem(
                http.send("PUT", target, "hello", "Content-Type", "text/plain", "Accept", "text/html"),
                406,
                "not-acceptable");
        assertProblem(
                http.sendCutShort("PUT", target, "hello", 1_000L, "Content-Type", "text/plain"),
                400,
                "malformed-request");
        assertProblem(http.send("PUT", target, "hello", "Content-Type", "text/*"), 415, "unsupported-media-type");

        JsonNode widget = read(id);
        assertThat(widget.path("attachment").isNull()).isTrue();
        assertThat(widget.path("version").asLong()).isZero();
    }

    // ---- If-Match: * ----

    @Test
    void ifMatchStarUpdatesWhateverVersionIsCurrent() throws Exception {
        String id = createWidget();
        String target = "/api/widgets/" + id;
        assertThat(http.send("PATCH", target, "{\"status\":\"ACTIVE\"}", "Content-Type", JSON_TYPE, "If-Match", "\"0\"")
                        .status())
                .isEqualTo(200);

        RawHttp.Response renamed =
                http.send("PATCH", target, nameJson(uniqueName("Star")), "Content-Type", JSON_TYPE, "If-Match", "*");

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.header("ETag")).hasValue("\"2\"");
    }

    @Test
    void ifMatchStarOnAWidgetThatDoesNotExistIs404() throws Exception {
        RawHttp.Response response = http.send(
                "PATCH",
                "/api/widgets/" + UUID.randomUUID(),
                "{\"status\":\"ACTIVE\"}",
                "Content-Type",
                JSON_TYPE,
                "If-Match",
                "*");

        assertProblem(response, 404, "not-found");
    }

    // ---- helpers ----

    private static void assertProblem(RawHttp.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://keel.dev/problems/" + type);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThat(response.body())
                .doesNotContain("Exception", "exception", "at org.", "at dev.keel", "java.", "Tomcat", "tomcat", "<");
    }

    private String createWidget() throws Exception {
        RawHttp.Response created =
                http.send("POST", "/api/widgets", nameJson(uniqueName("Refused")), "Content-Type", JSON_TYPE);
        assertThat(created.status()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asString();
    }

    private JsonNode read(String id) throws Exception {
        RawHttp.Response response = http.request("GET", "/api/widgets/" + id);
        assertThat(response.status()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A name still free is one no refused request created: creating it now succeeds. */
    private void assertNameIsFree(String name) throws Exception {
        assertThat(http.send("POST", "/api/widgets", nameJson(name), "Content-Type", JSON_TYPE)
                        .status())
                .isEqualTo(201);
    }

    private static String nameJson(String name) {
        return "{\"name\":\"" + name + "\"}";
    }

    private static String uniqueName(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }
}
