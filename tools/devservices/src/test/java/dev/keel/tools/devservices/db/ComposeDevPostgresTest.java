package dev.keel.tools.devservices.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.devservices.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker Compose paths, against a recording stand-in for the docker command: this machine
 * (and many CI runners) has no Docker engine, so what is checked is the commands Keel issues.
 */
class ComposeDevPostgresTest {

    @TempDir
    Path project;

    private Path log;
    private DevSettings settings;

    @BeforeEach
    void fakeDocker() throws IOException {
        log = project.resolve("docker.log");
        Path running = project.resolve("running");
        Files.writeString(project.resolve("docker-compose.yml"), "services: {}\n");
        Path docker = project.resolve("docker");
        // Answers like an engine with Compose v2; `up` and `stop` change what `ps` reports.
        Files.writeString(docker, """
                #!/bin/sh
                echo "$*" >> %1$s
                case "$*" in
                  info*) echo 27.0.0 ;;
                  "compose version") echo "Docker Compose version v2.30.0" ;;
                  *" ps --status running --services") cat %2$s 2>/dev/null ;;
                  *" up -d --wait postgres") echo postgres > %2$s ;;
                  *" stop postgres"|*" rm --stop --force postgres") rm -f %2$s ;;
                  *" config --format json") echo '{"name":"sandbox","services":{"postgres":{"volumes":[{"type":"volume","source":"postgres-data"}]}},"volumes":{"minio-data":{"name":"sandbox_minio-data"},"postgres-data":{"name":"sandbox_postgres-data"}}}' ;;
                esac
                exit 0
                """.formatted(log, running));
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        settings = DevSettings.from(
                Map.of(
                        "KEEL_DOCKER_COMMAND",
                        docker.toString(),
                        "KEEL_DATA_DIR",
                        project.resolve("data").toString(),
                        "KEEL_PG_PORT",
                        Integer.toString(Ports.freePort())),
                project);
    }

    @Test
    void withAnEngineTheComposeServiceIsTheServer() throws IOException {
        DevPostgres server = DevPostgres.locate(settings);
        assertThat(server).isInstanceOf(ComposeDevPostgres.class);
        assertThat(server.admin().port()).isEqualTo(5432);
        assertThat(server.login("keel_main").database()).isEqualTo("keel_main");

        assertThat(server.running()).isFalse();
        server.start();
        assertThat(server.running()).isTrue();
        assertThat(server.start()).contains("already running");
        server.stop();
        server.teardown();

        String compose = "compose -f " + project.resolve("docker-compose.yml");
        assertThat(Files.readAllLines(log))
                .contains(
                        compose + " up -d --wait postgres",
                        compose + " stop postgres",
                        compose + " rm --stop --force postgres",
                        compose + " config --format json",
                        "volume rm --force sandbox_postgres-data");
        // Teardown leaves MinIO's volume alone: only PostgreSQL's goes.
        assertThat(Files.readAllLines(log)).noneMatch(line -> line.contains("minio"));
    }

    @Test
    void teardownFindsEveryKeelServerOfTheCheckout() {
        assertThat(DevPostgres.keelServers(settings))
                .hasExactlyElementsOfTypes(EmbeddedDevPostgres.class, ComposeDevPostgres.class);
    }

    @Test
    void keelDockerNeverMeansTheEmbeddedServer() {
        DevSettings never = DevSettings.from(
                Map.of(
                        "KEEL_DOCKER_COMMAND",
                        settings.dockerCommand(),
                        "KEEL_DOCKER",
                        "never",
                        "KEEL_DATA_DIR",
                        project.resolve("data").toString()),
                project);
        assertThat(DevPostgres.locate(never)).isInstanceOf(EmbeddedDevPostgres.class);
    }

    @Test
    void yourOwnServerIsNeverStartedStoppedOrRemoved() {
        DevSettings own = DevSettings.from(
                Map.of("KEEL_DB_URL", "jdbc:postgresql://db.example:6543/orders?ssl=true", "KEEL_DB_USER", "app"),
                project);
        DevPostgres server = DevPostgres.locate(own);
        assertThat(server).isInstanceOf(OwnPostgres.class);
        assertThat(server.managed()).isFalse();
        for (Runnable action : List.<Runnable>of(server::start, server::stop, server::teardown)) {
            assertThatThrownBy(action::run).hasMessageContaining("Keel does not");
        }
        DevDatabase database = DevDatabase.locate(own);
        assertThat(database.name().name()).isEqualTo("orders");
        assertThat(database.open().jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/orders?ssl=true");
        assertThat(server.admin()).satisfies(admin -> {
            assertThat(admin.host()).isEqualTo("db.example");
            assertThat(admin.port()).isEqualTo(6543);
            assertThat(admin.username()).isEqualTo("app");
        });
        assertThat(Files.exists(log)).isFalse();
    }
}
