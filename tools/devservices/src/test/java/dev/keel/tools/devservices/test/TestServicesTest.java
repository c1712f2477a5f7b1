package dev.keel.tools.devservices.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.s3.Buckets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class TestServicesTest {

    @Test
    void aPortTakenBeforeTheServerChecksItIsReplacedByAnother() throws IOException {
        List<Integer> tried = new ArrayList<>();
        List<ServerSocket> takenMeanwhile = new ArrayList<>();
        try {
            int used = TestServices.onAFreePort(port -> {
                tried.add(port);
                if (tried.size() == 1) {
                    takenMeanwhile.add(listenOn(port)); // another JVM's server, between the choice and the check
                }
                Ports.requireFree(port, "a test server", "NONE");
                return port;
            });

            assertThat(tried).hasSize(2);
            assertThat(used).isEqualTo(tried.get(1)).isNotEqualTo(tried.get(0));
        } finally {
            for (ServerSocket socket : takenMeanwhile) {
                socket.close();
            }
        }
    }

    @Test
    void aServerThatFailsForAnotherReasonIsNotRetried() {
        List<Integer> tried = new ArrayList<>();
        assertThatThrownBy(() -> TestServices.onAFreePort(port -> {
                    tried.add(port);
                    throw new DevServiceException("initdb failed");
                }))
                .hasMessage("initdb failed");
        assertThat(tried).hasSize(1);
    }

    private static ServerSocket listenOn(int port) {
        try {
            return new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void providesPostgres17AndTheTestBucket() throws SQLException {
        assertThat(TestServices.kind()).isIn("docker", "embedded");
        assertThat(TestServices.postgres().queryForString("SHOW server_version"))
                .startsWith("17.");
        try (S3Client s3 = Buckets.client(TestServices.s3())) {
            assertThat(s3.listBuckets().buckets())
                    .anyMatch(bucket -> bucket.name().equals(TestServices.s3().bucket()));
        }
    }

    @Test
    void newDatabasesAreEmptyAndApartFromEachOther() throws SQLException {
        PostgresEndpoint first = TestServices.newDatabase("Isolation check");
        PostgresEndpoint second = TestServices.newDatabase("Isolation check");
        assertThat(first.database()).isNotEqualTo(second.database()).startsWith("isolation_check_");

        first.execute("CREATE TABLE only_in_first (id int)");

        assertThat(second.queryForString("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_first'"))
                .isEqualTo("0");
        assertThat(first.queryForString("SELECT current_user"))
                .isEqualTo(TestServices.postgres().username());
    }

    @Test
    void copiesOfATemplateHoldWhatItsPreparationLeftAndAreApart() throws SQLException {
        DatabaseTemplate template = DatabaseTemplate.of(
                "Template check",
                database -> database.execute("CREATE TABLE prepared (id int)", "INSERT INTO prepared VALUES (1)"));
        PostgresEndpoint first = template.newDatabase("Template copy");
        PostgresEndpoint second = template.newDatabase("Template copy");
        assertThat(first.database()).isNotEqualTo(second.database()).startsWith("template_copy_");

        first.execute("INSERT INTO prepared VALUES (2)");

        assertThat(first.queryForString("SELECT count(*) FROM prepared")).isEqualTo("2");
        assertThat(second.queryForString("SELECT count(*) FROM prepared")).isEqualTo("1");
        assertThat(second.queryForString("SELECT current_user"))
                .isEqualTo(TestServices.postgres().username());
        assertThat(TestServices.postgres()
                        .queryForString(
                                "SELECT datallowconn FROM pg_database WHERE datname LIKE 'template_check_template_%'"))
                .as("nobody can change the template after it is made")
                .isEqualTo("f");
    }
}
