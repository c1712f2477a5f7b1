package dev.keel.devservices.run;

import dev.keel.devservices.DevServiceException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code make run} reads from its environment. Explicit connection settings win over
 * everything; the ports and the data directory only matter for the embedded services.
 */
record RunSettings(
        Path appJar,
        Path projectDirectory,
        Path dataDirectory,
        int httpPort,
        int postgresPort,
        int s3Port,
        String dockerPolicy,
        boolean explicitDatabase,
        boolean explicitS3,
        Map<String, String> environment) {

    static final String DATABASE = "keel";
    static final String USERNAME = "keel";
    static final String PASSWORD = "keel";
    static final String BUCKET = "keel";
    static final String S3_ACCESS_KEY = "keel";
    static final String S3_SECRET_KEY = "keel-secret-key";

    static RunSettings from(Map<String, String> env, Path projectDirectory, Path appJar) {
        Path dataDirectory = projectDirectory.resolve(env.getOrDefault("KEEL_DATA_DIR", ".keel")).toAbsolutePath().normalize();
        return new RunSettings(
                appJar,
                projectDirectory,
                dataDirectory,
                port(env, "KEEL_HTTP_PORT", 8080),
                port(env, "KEEL_PG_PORT", 15432),
                port(env, "KEEL_S3_PORT", 19000),
                env.getOrDefault("KEEL_DOCKER", "auto"),
                env.containsKey("SPRING_DATASOURCE_URL"),
                env.containsKey("KEEL_S3_ENDPOINT"),
                Map.copyOf(env));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
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

    boolean dockerAllowed() {
        return !dockerPolicy.equalsIgnoreCase("never");
    }
}
