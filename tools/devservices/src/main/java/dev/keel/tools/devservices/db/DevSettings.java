package dev.keel.tools.devservices.db;

import dev.keel.tools.devservices.DevServiceException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a checkout's development services live, read from the environment: the data directory
 * ({@code KEEL_DATA_DIR}, default {@code .keel}), the embedded PostgreSQL port ({@code KEEL_PG_PORT}),
 * whether Docker may be used ({@code KEEL_DOCKER}), and a server of your own
 * ({@code KEEL_DB_URL} or {@code SPRING_DATASOURCE_URL}), which wins over everything.
 */
public record DevSettings(
        Path projectDirectory,
        Path dataDirectory,
        int postgresPort,
        String dockerPolicy,
        Optional<PostgresLogin> explicitServer,
        Map<String, String> environment) {

    public static final int DEFAULT_POSTGRES_PORT = 15432;
    /** The role the development database belongs to, on the embedded server and in docker-compose.yml. */
    public static final String USERNAME = "keel";

    public static final String PASSWORD = "keel";

    /** A JDBC URL with its login, as given in the environment. */
    public record PostgresLogin(String url, String username, String password) {}

    public static DevSettings from(Map<String, String> env, Path projectDirectory) {
        Path project = projectDirectory.toAbsolutePath().normalize();
        Optional<PostgresLogin> explicit = first(env, "KEEL_DB_URL", "SPRING_DATASOURCE_URL")
                .map(url -> new PostgresLogin(
                        url,
                        first(env, "KEEL_DB_USER", "SPRING_DATASOURCE_USERNAME").orElse(USERNAME),
                        first(env, "KEEL_DB_PASSWORD", "SPRING_DATASOURCE_PASSWORD")
                                .orElse(PASSWORD)));
        return new DevSettings(
                project,
                project.resolve(env.getOrDefault("KEEL_DATA_DIR", ".keel"))
                        .toAbsolutePath()
                        .normalize(),
                port(env, "KEEL_PG_PORT", DEFAULT_POSTGRES_PORT),
                env.getOrDefault("KEEL_DOCKER", "auto"),
                explicit,
                Map.copyOf(env));
    }

    private static Optional<String> first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return Optional.of(value.strip());
            }
        }
        return Optional.empty();
    }

    /** The TCP port in {@code name}, else {@code fallback}; anything else is a clear error. */
    public static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new DevServiceException(name + "=" + value + " is not a TCP port (1 to 65535).");
        }
    }

    public boolean dockerAllowed() {
        return !dockerPolicy.equalsIgnoreCase("never");
    }

    /** The docker executable: {@code KEEL_DOCKER_COMMAND}, else {@code docker} from the PATH. */
    public String dockerCommand() {
        return environment.getOrDefault("KEEL_DOCKER_COMMAND", "docker");
    }

    public Path composeFile() {
        return projectDirectory.resolve("docker-compose.yml");
    }

    public DatabaseName databaseName() {
        return DatabaseName.resolve(environment, projectDirectory);
    }
}
