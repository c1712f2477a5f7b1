package dev.keel.devservices.run;

import dev.keel.devservices.DevServiceException;
import dev.keel.devservices.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL and MinIO from the project's docker-compose.yml, when a Docker engine answers. */
final class DockerCompose {

    private final Path composeFile;

    DockerCompose(Path composeFile) {
        this.composeFile = composeFile;
    }

    /** True when a Docker engine (not just the client) answers, Compose v2 is installed and the file is there. */
    boolean available() {
        if (!Files.isRegularFile(composeFile)) {
            return false;
        }
        return Processes.run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), Duration.ofSeconds(10))
                .succeeded()
                && Processes.run(List.of("docker", "compose", "version"), Duration.ofSeconds(10)).succeeded();
    }

    /** Starts {@code services} and waits until they are healthy. */
    void up(List<String> services) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-f", composeFile.toString(),
                "up", "-d", "--wait"));
        command.addAll(services);
        Processes.Result result = Processes.run(command, Duration.ofMinutes(5));
        if (!result.succeeded()) {
            throw new DevServiceException("`docker compose up -d --wait` failed:\n" + result.output()
                    + "\n  Fix: read the output above, or run without Docker: KEEL_DOCKER=never make run.");
        }
    }

    void stop() {
        Processes.run(List.of("docker", "compose", "-f", composeFile.toString(), "stop"), Duration.ofMinutes(2));
    }
}
