package dev.keel.tools.devservices.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.s3.Buckets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class TestServicesTest {

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
}
