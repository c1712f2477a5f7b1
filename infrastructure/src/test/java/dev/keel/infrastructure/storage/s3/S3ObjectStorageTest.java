package dev.keel.infrastructure.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.domain.storage.StorageKey;
import dev.keel.domain.storage.StoredObject;
import dev.keel.tools.devservices.S3Endpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 adapter against a real S3-protocol server (MinIO with Docker, S3Proxy without). */
class S3ObjectStorageTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static S3Client client;
    private static S3Presigner presigner;
    private static S3ObjectStorage storage;

    @BeforeAll
    static void connect() {
        S3Endpoint endpoint = TestServices.s3();
        S3Settings settings = new S3Settings(
                endpoint.endpoint(),
                endpoint.region(),
                endpoint.bucket(),
                endpoint.accessKey(),
                endpoint.secretKey(),
                true);
        client = S3Clients.client(settings);
        presigner = S3Clients.presigner(settings);
        storage = new S3ObjectStorage(client, presigner, endpoint.bucket());
    }

    @AfterAll
    static void close() {
        presigner.close();
        client.close();
    }

    private static StorageKey uniqueKey() {
        return StorageKey.of("tests", UUID.randomUUID().toString(), "file.txt");
    }

    private static void putText(StorageKey key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        storage.put(key, new ByteArrayInputStream(bytes), bytes.length, "text/plain");
    }

    @Test
    void storesAndReturnsContentWithItsTypeAndLength() throws IOException {
        StorageKey key = uniqueKey();
        putText(key, "hello, keel");

        try (StoredObject object = storage.get(key).orElseThrow()) {
            assertThat(new String(object.content().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("hello, keel");
            assertThat(object.contentType()).isEqualTo("text/plain");
            assertThat(object.contentLength()).isEqualTo(11);
        }
    }

    @Test
    void roundTripsBinaryContentByteForByte() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17]; // over the SDK's multipart-free chunking, odd length
        new java.util.Random(42).nextBytes(content);
        StorageKey key = uniqueKey();

        storage.put(key, new ByteArrayInputStream(content), content.length, "application/octet-stream");

        try (StoredObject object = storage.get(key).orElseThrow()) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] read = object.content().readAllBytes();
            assertThat(read).hasSize(content.length);
            assertThat(sha256.digest(read))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
        }
    }

    @Test
    void reportsMissingObjectsAsAbsent() {
        StorageKey key = uniqueKey();
        assertThat(storage.get(key)).isEmpty();
        assertThat(storage.exists(key)).isFalse();
    }

    @Test
    void deletesObjectsAndToleratesDeletingTwice() {
        StorageKey key = uniqueKey();
        putText(key, "short-lived");
        assertThat(storage.exists(key)).isTrue();

        storage.delete(key);
        storage.delete(key);

        assertThat(storage.exists(key)).isFalse();
    }

    @Test
    void presignedGetServesTheObjectWithoutCredentials() throws Exception {
        StorageKey key = uniqueKey();
        putText(key, "shared by link");

        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(storage.presignGet(key, Duration.ofMinutes(1)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("shared by link");
    }

    @Test
    void presignedGetStopsWorkingOnceItsLifetimeHasPassed() throws Exception {
        StorageKey key = uniqueKey();
        putText(key, "expires");
        URI url = storage.presignGet(key, Duration.ofSeconds(1));

        Thread.sleep(2_500);
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void presignedPutUploadsAnObject() throws Exception {
        StorageKey key = uniqueKey();
        URI url = storage.presignPut(key, "text/plain", Duration.ofMinutes(1));

        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(url)
                        .header("Content-Type", "text/plain")
                        .PUT(HttpRequest.BodyPublishers.ofString("uploaded directly"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        try (StoredObject object = storage.get(key).orElseThrow()) {
            assertThat(new String(object.content().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("uploaded directly");
        }
    }
}
