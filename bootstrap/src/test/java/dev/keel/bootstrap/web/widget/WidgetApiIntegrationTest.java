package dev.keel.bootstrap.web.widget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.support.IntegrationTest;
import dev.keel.bootstrap.support.Tokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The widget API end to end: HTTP against the running application on PostgreSQL 17 and S3. */
@IntegrationTest
public class WidgetApiIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(String method, String path, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (!java.util.Arrays.asList(headers).contains("Authorization")) {
            request.header("Authorization", Tokens.ALL_SCOPES);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String uniqueName(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates a widget through the API; returns its id. The tests of aggregates that refer to widgets use
     * it, as make new-aggregate writes one for every aggregate.
     */
    public static String createSample(int port) throws IOException, InterruptedException {
        HttpResponse<String> created = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/widgets"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", Tokens.ALL_SCOPES)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + uniqueName("Sample widget") + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asString();
    }

    private JsonNode createWidget(String name) throws Exception {
        HttpResponse<String> created = send("POST", "/api/widgets", "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        return json(created);
    }

    @Test
    void aWidgetsLifeFromCreationToArchiveAndBack() throws Exception {
        String name = uniqueName("Sprocket");
        HttpResponse<String> created = send("POST", "/api/widgets", "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).path("id").asString();
        assertThat(created.headers().firstValue("Location"))
                .hasValue(uri("/api/widgets/" + id).toString());
        assertThat(created.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(json(created).path("status").asString()).isEqualTo("DRAFT");

        HttpResponse<String> fetched = send("GET", "/api/widgets/" + id, null);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(json(fetched).path("name").asString()).isEqualTo(name);

        HttpResponse<String> activated =
                send("PATCH", "/api/widgets/" + id, "{\"status\":\"ACTIVE\"}", "If-Match", "\"0\"");
        assertThat(activated.statusCode()).isEqualTo(200);
        assertThat(activated.headers().firstValue("ETag")).hasValue("\"1\"");

        HttpResponse<String> lostUpdate =
                send("PATCH", "/api/widgets/" + id, "{\"name\":\"Lost\"}", "If-Match", "\"0\"");
        assertThat(lostUpdate.statusCode()).isEqualTo(412);
        assertThat(json(lostUpdate).path("type").asString()).isEqualTo("https://keel.dev/problems/stale-version");
        assertThat(json(send("GET", "/api/widgets/" + id, null)).path("name").asString())
                .isEqualTo(name);

        assertThat(send("PATCH", "/api/widgets/" + id, "{\"name\":\"No match\"}")
                        .statusCode())
                .isEqualTo(428);

        assertThat(send("DELETE", "/api/widgets/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/widgets/" + id, null).statusCode()).isEqualTo(204);
        HttpResponse<String> gone = send("GET", "/api/widgets/" + id, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(gone).path("type").asString()).isEqualTo("https://keel.dev/problems/not-found");
        assertThat(json(gone).path("title").asString()).isEqualTo("Resource not found");
        assertThat(json(gone).path("instance").asString()).isEqualTo("/api/widgets/" + id);

        HttpResponse<String> restored = send("POST", "/api/widgets/" + id + "/restore", null);
        assertThat(restored.statusCode()).isEqualTo(200);
        assertThat(json(restored).path("status").asString()).isEqualTo("ACTIVE");
        assertThat(send("GET", "/api/widgets/" + id, null).statusCode()).isEqualTo(200);
    }

    @Test
    void invalidInputGetsProblemDetailsNamingTheField() throws Exception {
        HttpResponse<String> missing = send("POST", "/api/widgets", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("errors").get(0).path("field").asString()).isEqualTo("name");

        HttpResponse<String> unknown = send("POST", "/api/widgets", "{\"name\":\"Cog\",\"colour\":\"red\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("errors").get(0).path("field").asString()).isEqualTo("colour");

        HttpResponse<String> blank = send("POST", "/api/widgets", "{\"name\":\"   \"}");
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(json(blank).path("errors").get(0).path("field").asString()).isEqualTo("name");

        String name = uniqueName("Taken");
        createWidget(name);
        HttpResponse<String> duplicate = send("POST", "/api/widgets", "{\"name\":\"" + name + "\"}");
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(json(duplicate).path("type").asString()).isEqualTo("https://keel.dev/problems/conflict");

        assertThat(send("GET", "/api/widgets/not-a-uuid", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/widgets?status=BROKEN", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/api/widgets?cursor=not-a-cursor", null).statusCode())
                .isEqualTo(400);
        for (HttpResponse<String> problem : new HttpResponse[] {missing, unknown, blank, duplicate}) {
            assertThat(problem.body()).doesNotContain("Exception", "at dev.keel", "at org.");
        }
    }

    @Test
    void listsPageByCursorWithANextLink() throws Exception {
        for (int i = 0; i < 3; i++) {
            createWidget(uniqueName("Paged"));
        }
        HttpResponse<String> first = send("GET", "/api/widgets?limit=2", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).path("items")).hasSize(2);
        String cursor = json(first).path("nextCursor").asString();
        assertThat(first.headers().firstValue("Link")).get().asString().contains("cursor=" + cursor, "rel=\"next\"");

        HttpResponse<String> second = send("GET", "/api/widgets?limit=2&cursor=" + cursor, null);
        java.util.List<String> firstIds = new java.util.ArrayList<>();
        json(first).path("items").forEach(item -> firstIds.add(item.path("id").asString()));
        java.util.List<String> secondIds = new java.util.ArrayList<>();
        json(second).path("items").forEach(item -> secondIds.add(item.path("id").asString()));
        assertThat(secondIds).hasSize(2).doesNotContainAnyElementsOf(firstIds);
        // Newest first: every id on the second page sorts below the last one on the first.
        assertThat(UUID.fromString(secondIds.getFirst()).toString()).isLessThan(firstIds.getLast());
    }

    @Test
    void attachmentsAreStoredAndDownloadedThroughAPresignedRedirect() throws Exception {
        String id = createWidget(uniqueName("Attached")).path("id").asString();
        byte[] content = "the attached file".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> attached = HTTP.send(
                HttpRequest.newBuilder(uri("/api/widgets/" + id + "/attachment"))
                        .header("Authorization", Tokens.ALL_SCOPES)
                        .header("Content-Type", "text/plain")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(attached.statusCode()).isEqualTo(200);
        assertThat(json(attached).path("attachment").path("sha256").asString())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(json(attached).path("attachment").path("size").asLong()).isEqualTo(content.length);

        HttpResponse<String> redirect = send("GET", "/api/widgets/" + id + "/attachment", null);
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("no-store");
        URI presigned = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        HttpResponse<byte[]> file =
                HTTP.send(HttpRequest.newBuilder(presigned).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(content);

        HttpResponse<String> gif = HTTP.send(
                HttpRequest.newBuilder(uri("/api/widgets/" + id + "/attachment"))
                        .header("Authorization", Tokens.ALL_SCOPES)
                        .header("Content-Type", "image/gif")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(gif.statusCode()).isEqualTo(415);
    }

    @Test
    void aWidgetWithoutAttachmentHasNothingToDownload() throws Exception {
        String id = createWidget(uniqueName("Bare")).path("id").asString();
        assertThat(send("GET", "/api/widgets/" + id + "/attachment", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void publishesItsOpenApiDescriptionAndSwaggerUi() throws Exception {
        HttpResponse<String> apiDocs = send("GET", "/v3/api-docs", null);
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(json(apiDocs).path("paths").has("/api/widgets/{id}")).isTrue();
        assertThat(send("GET", "/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
    }
}
