package dev.keel.bootstrap.web.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI document the application serves is the one committed in docs/openapi.json, so an
 * API change shows in review. {@code make openapi} runs this test with
 * {@value OpenApiDocuments#WRITE_PROPERTY}=true, which rewrites the file instead of comparing.
 */
@IntegrationTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Test
    void theServedDocumentIsTheCommittedOne() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String served = OpenApiDocuments.canonical(response.body());
        Path committed = OpenApiDocuments.committedFile();

        if (Boolean.getBoolean(OpenApiDocuments.WRITE_PROPERTY)) {
            Files.writeString(committed, served);
            System.out.println("make openapi: wrote " + committed.normalize());
            return;
        }
        assertThat(committed)
                .as("%s is missing: run `make openapi` and commit it", committed.normalize())
                .exists();
        List<String> difference = OpenApiDocuments.firstDifference(Files.readString(committed), served);
        assertThat(difference)
                .as(
                        "The API changed: %s is not the document the application serves. Run `make openapi`,"
                                + " review the diff and commit it (docs/api-contract.md). First difference:",
                        committed.normalize())
                .isEmpty();
    }
}
