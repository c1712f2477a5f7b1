package dev.keel.bootstrap.web.widget.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.infrastructure.storage.s3.S3Clients;
import dev.keel.infrastructure.storage.s3.S3Settings;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.S3Endpoint;
import dev.keel.tools.devservices.s3.LocalS3;
import dev.keel.tools.devservices.test.TestServices;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * S3 down during an upload, on an S3Proxy of this test's own that it stops and starts again on
 * the same port and store: 503 problem details, no attachment recorded, no object left behind
 * once S3 is back, and uploads working again without an application restart.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class S3OutageTest {

    private static final String ACCESS_KEY = "keel-outage";
    private static final String SECRET_KEY = "keel-outage-secret";
    private static final String BUCKET = "keel-outage";

    private static Path home;
    private static int port;
    private static LocalS3 s3;
    private static DedicatedKeel keel;

    @BeforeAll
    static void startAnS3ThisTestMayStop() throws Exception {
        home = Directories.newScratchDirectory("keel-s3-outage-");
        port = Ports.freePort();
        s3 = LocalS3.start(home, port, ACCESS_KEY, SECRET_KEY, BUCKET);
        keel = DedicatedKeel.start(TestServices.newDatabase("s3_outage"), s3.endpoint(), Map.of());
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (keel != null) {
            keel.close();
        }
        if (s3 != null) {
            s3.close();
        }
        Directories.deleteTree(home);
    }

    @Test
    void anUploadWhileS3IsDownGets503AndRecordsNothing() throws Exception {
        String id = createWidget("S3 down before");
        s3.close();
        try {
            HttpResponse<String> refused = Http.put(
                    keel.uri("/api/widgets/" + id + "/attachment"),
                    "text/plain",
                    "while S3 is down".getBytes(StandardCharsets.UTF_8));

            assertUnavailable(refused);
        } finally {
            s3 = LocalS3.start(home, port, ACCESS_KEY, SECRET_KEY, BUCKET);
        }
        assertNothingRecordedNorStored(id);
        HttpResponse<String> attached = Http.put(
                keel.uri("/api/widgets/" + id + "/attachment"),
                "text/plain",
                "S3 is back".getBytes(StandardCharsets.UTF_8));
        assertThat(attached.statusCode()).isEqualTo(200);
        assertThat(objectsOf(id)).hasSize(1);
    }

    @Test
    void s3StoppingMidUploadGets503NotABlamedBodyAndLeavesNoObject() throws Exception {
        String id = createWidget("S3 down during");
        byte[] half = new byte[1024 * 1024];
        Arrays.fill(half, (byte) 'k');
        int status;
        try (RawUpload upload = RawUpload.open(keel, id, 2L * half.length)) {
            upload.send(half);
            Await.until("S3 receiving the upload", Duration.ofSeconds(20), () -> !partialFiles(id)
                    .isEmpty());
            s3.close();
            try {
                upload.trySend(half); // the rest: the application, not the client, finds S3 gone
                status = upload.awaitStatus(Duration.ofSeconds(20));
            } finally {
                s3 = LocalS3.start(home, port, ACCESS_KEY, SECRET_KEY, BUCKET);
            }
        }

        assertThat(status)
                .as("the client is told S3 is unavailable, not that its body ended short")
                .isEqualTo(503);
        assertNothingRecordedNorStored(id);
    }

    private static String createWidget(String name) throws Exception {
        HttpResponse<String> created = Http.postJson(keel.uri("/api/widgets"), "{\"name\":\"" + name + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        return Http.json(created).path("id").asString();
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = Http.json(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://keel.dev/problems/unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
    }

    private static void assertNothingRecordedNorStored(String id) throws Exception {
        HttpResponse<String> widget = Http.get(keel.uri("/api/widgets/" + id));
        assertThat(widget.statusCode()).isEqualTo(200);
        assertThat(widget.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(Http.json(widget).path("attachment").isMissingNode()
                        || Http.json(widget).path("attachment").isNull())
                .isTrue();
        assertThat(objectsOf(id))
                .as("no object left under the widget once S3 is back")
                .isEmpty();
    }

    private static List<String> objectsOf(String id) {
        S3Endpoint endpoint = s3.endpoint();
        try (S3Client client = S3Clients.client(
                new S3Settings(endpoint.endpoint(), endpoint.region(), BUCKET, ACCESS_KEY, SECRET_KEY, true))) {
            return client
                    .listObjectsV2(request -> request.bucket(BUCKET).prefix("widgets/" + id + "/"))
                    .contents()
                    .stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    /** What S3Proxy's filesystem store holds for the widget, finished or still being written. */
    private static List<Path> partialFiles(String id) throws Exception {
        Path widget = home.resolve("objects").resolve(BUCKET).resolve("widgets").resolve(id);
        if (!Files.exists(widget)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(widget)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
