package dev.keel.tools.devservices.run;

import dev.keel.tools.devservices.db.DevSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code make run} reads from its environment: the development services' settings, plus
 * the application's port and the S3 server. Explicit connection settings win over everything.
 */
record RunSettings(Path appJar, DevSettings dev, int httpPort, int s3Port, int issuerPort, boolean explicitS3) {

    /** The development token issuer's port: {@code KEEL_ISSUER_PORT}. */
    static final int ISSUER_PORT = 9400;

    static final String BUCKET = "keel";
    static final String S3_ACCESS_KEY = "keel";
    static final String S3_SECRET_KEY = "keel-secret-key";

    static RunSettings from(Map<String, String> env, Path projectDirectory, Path appJar) {
        return new RunSettings(
                appJar,
                DevSettings.from(env, projectDirectory),
                DevSettings.port(env, "KEEL_HTTP_PORT", 8080),
                DevSettings.port(env, "KEEL_S3_PORT", 19000),
                DevSettings.port(env, "KEEL_ISSUER_PORT", ISSUER_PORT),
                env.containsKey("KEEL_S3_ENDPOINT"));
    }

    Path dataDirectory() {
        return dev.dataDirectory();
    }

    Path projectDirectory() {
        return dev.projectDirectory();
    }

    Map<String, String> environment() {
        return dev.environment();
    }

    boolean explicitDatabase() {
        return dev.explicitServer().isPresent();
    }

    boolean dockerAllowed() {
        return dev.dockerAllowed();
    }
}
