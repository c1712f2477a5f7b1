package dev.keel.bootstrap.web.widget.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.test.TestServices;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that sends an upload's headers and part of its body, then nothing: Tomcat's read
 * timeout ({@code server.tomcat.connection-timeout}, 2 s here, 20 s by default) ends the request
 * and frees what it held, and other clients are served meanwhile. Requests run on virtual threads,
 * as the application has them, so what stalled clients can use up is Tomcat's connections: four
 * here ({@code server.tomcat.max-connections}, 8,192 by default), so four stalled uploads hold them
 * all and only the timeout lets anyone else in.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowClientTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final int CONNECTIONS = 4;
    /** Room for a loaded machine on top of the timeout; the default 60 s would be far beyond it. */
    private static final Duration SLACK = Duration.ofSeconds(8);

    private static DedicatedKeel keel;

    @BeforeAll
    static void startWithAShortReadTimeoutAndFewConnections() {
        keel = DedicatedKeel.start(
                TestServices.newDatabase("slow_client"),
                TestServices.s3(),
                Map.of(
                        "server.tomcat.connection-timeout",
                        READ_TIMEOUT.toMillis() + "ms",
                        "server.tomcat.max-connections",
                        String.valueOf(CONNECTIONS)));
    }

    @AfterAll
    static void stop() {
        if (keel != null) {
            keel.close();
        }
    }

    @Test
    void aStalledUploadIsEndedByTheReadTimeoutWhileOthersAreServed() throws Exception {
        String id = createWidget("Stalled");
        try (RawUpload upload = RawUpload.open(keel, id, 100_000)) {
            upload.send(new byte[1_000]);
            long stalledAt = System.nanoTime();

            long before = System.nanoTime();
            HttpResponse<String> other = Http.get(keel.uri("/api/widgets/" + id));
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(READ_TIMEOUT);

            int status = upload.awaitStatus(READ_TIMEOUT.plus(SLACK));
            Duration ended = Duration.ofNanos(System.nanoTime() - stalledAt);
            System.out.printf("A stalled upload was answered %d after %d ms%n", status, ended.toMillis());
            assertThat(status)
                    .as("Tomcat answers a body read that timed out with 408")
                    .isEqualTo(408);
            assertThat(ended).isLessThan(READ_TIMEOUT.plus(SLACK));
        }
        HttpResponse<String> widget = Http.get(keel.uri("/api/widgets/" + id));
        assertThat(widget.headers().firstValue("ETag"))
                .as("no attachment recorded")
                .hasValue("\"0\"");
    }

    @Test
    void stalledUploadsHoldingEveryConnectionAreCutOffSoTheNextRequestGetsIn() throws Exception {
        String id = createWidget("Crowded");
        // The client's keep-alive connection is closed by Tomcat once idle for the timeout.
        Await.until("no client connected", READ_TIMEOUT.plus(SLACK), () -> keel.connectionCount() == 1);
        List<RawUpload> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                RawUpload upload = RawUpload.open(keel, id, 100_000);
                upload.send(new byte[1_000]);
                stalled.add(upload);
            }
            Await.until(
                    "every connection held by a stalled upload",
                    Duration.ofSeconds(10),
                    () -> keel.connectionCount() == CONNECTIONS);
            long before = System.nanoTime();
            HttpResponse<String> next = Http.get(keel.uri("/api/widgets/" + id));
            Duration waited = Duration.ofNanos(System.nanoTime() - before);
            System.out.printf(
                    "With every connection held by a stalled upload, a GET waited %d ms%n", waited.toMillis());

            assertThat(next.statusCode()).isEqualTo(200);
            assertThat(waited)
                    .as("it waited for a timeout to free a connection, and no longer")
                    .isBetween(READ_TIMEOUT.dividedBy(2), READ_TIMEOUT.plus(SLACK));
            Await.until(
                    "the stalled uploads' connections closed",
                    READ_TIMEOUT.plus(SLACK),
                    () -> keel.connectionCount() == 1);
        } finally {
            for (RawUpload upload : stalled) {
                upload.close();
            }
        }
    }

    private static String createWidget(String name) throws Exception {
        HttpResponse<String> created =
                Http.postJson(keel.uri("/api/widgets"), "{\"name\":\"" + name + " " + System.nanoTime() + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        return Http.json(created).path("id").asString();
    }
}
