package dev.keel.tools.devservices.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

class LocalS3Test {

    @TempDir
    Path home;

    @Test
    void storesObjectsThatSurviveARestart() {
        int port = Ports.freePort();
        try (LocalS3 first = LocalS3.start(home, port, "test-key", "test-secret", "bucket-one");
                S3Client s3 = Buckets.client(first.endpoint())) {
            s3.putObject(
                    put -> put.bucket("bucket-one").key("greeting.txt").contentType("text/plain"),
                    RequestBody.fromString("hello"));
        }
        try (LocalS3 second = LocalS3.start(home, port, "test-key", "test-secret", "bucket-one");
                S3Client s3 = Buckets.client(second.endpoint())) {
            assertThat(s3.getObjectAsBytes(get -> get.bucket("bucket-one").key("greeting.txt"))
                            .asUtf8String())
                    .isEqualTo("hello");
        }
    }

    @Test
    void checksSignatures() {
        try (LocalS3 server = LocalS3.start(home, Ports.freePort(), "test-key", "test-secret", "bucket-two")) {
            var wrongSecret = new dev.keel.tools.devservices.S3Endpoint(
                    server.endpoint().endpoint(), "us-east-1", "test-key", "not-the-secret", "bucket-two");
            try (S3Client s3 = Buckets.client(wrongSecret)) {
                assertThatThrownBy(() -> s3.listObjectsV2(list -> list.bucket("bucket-two")))
                        .isInstanceOf(S3Exception.class)
                        .satisfies(
                                e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
            }
        }
    }

    @Test
    void servesItsBucketFromTheStart() {
        try (LocalS3 server = LocalS3.start(home, Ports.freePort(), "test-key", "test-secret", "bucket.four");
                S3Client s3 = Buckets.client(server.endpoint())) {
            assertThat(s3.listBuckets().buckets())
                    .extracting(bucket -> bucket.name())
                    .containsExactly("bucket.four");
            assertThat(s3.listObjectsV2(list -> list.bucket("bucket.four")).contents())
                    .isEmpty();
        }
    }

    @Test
    void refusesANameThatIsNoBucketBeforeStarting() {
        for (String name : new String[] {"../escape", "Upper", "ab", "a..b", "-dash", "with/slash"}) {
            assertThatThrownBy(() -> LocalS3.start(home, Ports.freePort(), "k", "s", name))
                    .isInstanceOf(DevServiceException.class)
                    .hasMessageContaining("Not a valid S3 bucket name: '" + name + "'");
        }
        assertThat(home.resolve("objects")).doesNotExist();
    }

    @Test
    void namesTheSettingWhenItsPortIsTaken() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalS3.start(home, squatter.getLocalPort(), "k", "s", "bucket-three"))
                    .isInstanceOf(DevServiceException.class)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("KEEL_S3_PORT");
        }
        assertThat(Files.exists(home.resolve("s3proxy.pid"))).isFalse();
    }
}
