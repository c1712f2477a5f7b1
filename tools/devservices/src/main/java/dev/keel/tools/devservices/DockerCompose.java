package dev.keel.tools.devservices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Services from the project's docker-compose.yml, when a Docker engine answers. */
public final class DockerCompose {

    private final String docker;
    private final Path composeFile;

    /** {@code docker} is the executable to call: {@code docker}, or another one (tests use a recording fake). */
    public DockerCompose(String docker, Path composeFile) {
        this.docker = docker;
        this.composeFile = composeFile;
    }

    /** True when a Docker engine (not just the client) answers, Compose v2 is installed and the file is there. */
    public boolean available() {
        if (!Files.isRegularFile(composeFile)) {
            return false;
        }
        return Processes.run(List.of(docker, "info", "--format", "{{.ServerVersion}}"), Duration.ofSeconds(10))
                        .succeeded()
                && Processes.run(List.of(docker, "compose", "version"), Duration.ofSeconds(10))
                        .succeeded();
    }

    /** Starts {@code services} and waits until they are healthy. */
    public void up(List<String> services) {
        Processes.Result result = compose(Duration.ofMinutes(5), List.of("up", "-d", "--wait"), services);
        if (!result.succeeded()) {
            throw new DevServiceException("`docker compose up -d --wait` failed:\n" + result.output()
                    + "\n  Fix: read the output above, or run without Docker: KEEL_DOCKER=never.");
        }
    }

    /** The services running now. */
    public List<String> running() {
        Processes.Result result =
                compose(Duration.ofSeconds(30), List.of("ps", "--status", "running", "--services"), List.of());
        return result.succeeded()
                ? result.output()
                        .lines()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList()
                : List.of();
    }

    /** Stops {@code services}, keeping their containers and volumes. */
    public void stop(List<String> services) {
        Processes.Result result = compose(Duration.ofMinutes(2), List.of("stop"), services);
        if (!result.succeeded()) {
            throw new DevServiceException("`docker compose stop` failed:\n" + result.output());
        }
    }

    /** The name Compose gives the volume {@code key} of the file: the project's name, then the key. */
    public String volumeName(String key) {
        Processes.Result config = compose(Duration.ofSeconds(30), List.of("config", "--format", "json"), List.of());
        Matcher volume = Pattern.compile(
                        "\"" + Pattern.quote(key) + "\"\\s*:\\s*\\{[^}]*?\"name\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(config.output());
        if (!config.succeeded() || !volume.find()) {
            throw new DevServiceException(
                    "`docker compose config` did not name the volume " + key + ":\n" + config.output());
        }
        return volume.group(1);
    }

    /** Stops and removes the containers of {@code services}, then the named volumes in {@code volumes}. */
    public void remove(List<String> services, List<String> volumes) {
        Processes.Result removed = compose(Duration.ofMinutes(2), List.of("rm", "--stop", "--force"), services);
        if (!removed.succeeded()) {
            throw new DevServiceException("`docker compose rm` failed:\n" + removed.output());
        }
        for (String volume : volumes) {
            Processes.Result result =
                    Processes.run(List.of(docker, "volume", "rm", "--force", volume), Duration.ofMinutes(1));
            if (!result.succeeded()) {
                throw new DevServiceException("`docker volume rm " + volume + "` failed:\n" + result.output());
            }
        }
    }

    private Processes.Result compose(Duration timeout, List<String> arguments, List<String> services) {
        List<String> line = new ArrayList<>(List.of(docker, "compose", "-f", composeFile.toString()));
        line.addAll(arguments);
        line.addAll(services);
        return Processes.run(line, timeout);
    }
}
