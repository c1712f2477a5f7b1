package dev.keel.bootstrap.web.widget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keel.bootstrap.client.ApiClient;
import dev.keel.bootstrap.client.ApiException;
import dev.keel.bootstrap.client.ApiResponse;
import dev.keel.bootstrap.client.api.WidgetsApi;
import dev.keel.bootstrap.client.model.CreateWidgetRequest;
import dev.keel.bootstrap.client.model.Problem;
import dev.keel.bootstrap.client.model.UpdateWidgetRequest;
import dev.keel.bootstrap.client.model.WidgetPageResponse;
import dev.keel.bootstrap.client.model.WidgetResponse;
import dev.keel.bootstrap.support.GeneratedClients;
import dev.keel.bootstrap.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The widget's whole life through a client generated from the committed docs/openapi.json
 * (openapi-generator, Java native): a document that promised other paths, parameters, statuses or
 * shapes than the API has would fail here, as it would fail the teams generating clients from it.
 */
@IntegrationTest
class WidgetContractClientTest {

    @LocalServerPort
    int port;

    @TempDir
    Path files;

    private ApiClient client;
    private WidgetsApi widgets;

    @BeforeEach
    void aGeneratedClient() {
        client = GeneratedClients.forPort(port);
        widgets = new WidgetsApi(client);
    }

    @Test
    void aWidgetIsCreatedReadListedChangedArchivedAndRestoredThroughTheGeneratedClient() throws Exception {
        String name = "Contract " + UUID.randomUUID();

        ApiResponse<WidgetResponse> created = widgets.createWidgetWithHttpInfo(new CreateWidgetRequest().name(name));

        assertThat(created.getStatusCode()).isEqualTo(201);
        UUID id = created.getData().getId();
        assertThat(header(created, "ETag")).isEqualTo("\"0\"");
        assertThat(header(created, "Location")).isEqualTo("http://127.0.0.1:" + port + "/api/widgets/" + id);
        assertThat(created.getData().getStatus()).isEqualTo(WidgetResponse.StatusEnum.DRAFT);
        assertThat(created.getData().getAttachment()).isNull();

        ApiResponse<WidgetResponse> read = widgets.getWidgetWithHttpInfo(id, null);
        assertThat(read.getStatusCode()).isEqualTo(200);
        assertThat(read.getData().getName()).isEqualTo(name);
        assertThat(header(read, "ETag")).isEqualTo("\"0\"");

        ApiException notModified = catchThrowableOfType(ApiException.class, () -> widgets.getWidget(id, "\"0\""));
        assertThat(notModified.getCode()).isEqualTo(304);
        assertThat(notModified.getResponseHeaders().firstValue("ETag")).contains("\"0\"");

        WidgetPageResponse drafts = widgets.listWidgets("DRAFT", 100, null);
        assertThat(drafts.getItems()).extracting(WidgetResponse::getId).contains(id);

        ApiResponse<WidgetResponse> activated = widgets.updateWidgetWithHttpInfo(
                id, "\"0\"", new UpdateWidgetRequest().status(UpdateWidgetRequest.StatusEnum.ACTIVE));
        assertThat(activated.getStatusCode()).isEqualTo(200);
        assertThat(activated.getData().getStatus()).isEqualTo(WidgetResponse.StatusEnum.ACTIVE);
        assertThat(header(activated, "ETag")).isEqualTo("\"1\"");

        ApiException stale = catchThrowableOfType(
                ApiException.class,
                () -> widgets.updateWidget(id, "\"0\"", new UpdateWidgetRequest().name(name + " again")));
        assertThat(stale.getCode()).isEqualTo(412);
        assertThat(stale.getResponseHeaders().firstValue("ETag")).contains("\"1\"");
        assertThat(problem(stale).getType()).isEqualTo(URI.create("https://keel.dev/problems/stale-version"));

        ApiResponse<Void> archived = widgets.archiveWidgetWithHttpInfo(id);
        assertThat(archived.getStatusCode()).isEqualTo(204);
        ApiException gone = catchThrowableOfType(ApiException.class, () -> widgets.getWidget(id, null));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(problem(gone).getStatus()).isEqualTo(404);

        ApiResponse<WidgetResponse> restored = widgets.restoreWidgetWithHttpInfo(id);
        assertThat(restored.getStatusCode()).isEqualTo(200);
        assertThat(restored.getData().getStatus()).isEqualTo(WidgetResponse.StatusEnum.ACTIVE);
        assertThat(header(restored, "ETag")).isEqualTo("\"" + restored.getData().getVersion() + "\"");
    }

    @Test
    void aFileIsAttachedAndDownloadedThroughTheGeneratedClient() throws Exception {
        UUID id = widgets.createWidget(new CreateWidgetRequest().name("Contract file " + UUID.randomUUID()))
                .getId();
        Path file = Files.writeString(files.resolve("notes.txt"), "Notes on a widget\n");
        byte[] bytes = Files.readAllBytes(file);
        // The native generator writes a File body as JSON (its path): this request sends the file's bytes instead.
        WidgetsApi uploads =
                new WidgetsApi(GeneratedClients.forPort(port, request -> request.setHeader("Content-Type", "text/plain")
                        .method("PUT", HttpRequest.BodyPublishers.ofByteArray(bytes))));

        ApiResponse<WidgetResponse> attached = uploads.attachWidgetFileWithHttpInfo(id, file.toFile());

        assertThat(attached.getStatusCode()).isEqualTo(200);
        assertThat(attached.getData().getAttachment().getContentType()).isEqualTo("text/plain");
        assertThat(attached.getData().getAttachment().getSize()).isEqualTo(Files.size(file));
        assertThat(header(attached, "ETag")).isEqualTo("\"1\"");

        // 302 is no 2xx to the generated client: it reports it, with the Location to follow.
        ApiException redirect = catchThrowableOfType(ApiException.class, () -> widgets.downloadWidgetFile(id));
        assertThat(redirect.getCode()).isEqualTo(302);
        URI location =
                URI.create(redirect.getResponseHeaders().firstValue("Location").orElseThrow());
        HttpResponse<String> download = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    private Problem problem(ApiException failure) throws Exception {
        assertThat(failure.getResponseHeaders().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        return client.getObjectMapper().readValue(failure.getResponseBody(), Problem.class);
    }

    private static String header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .flatMap(List::stream)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " header in " + response.getHeaders()));
    }
}
