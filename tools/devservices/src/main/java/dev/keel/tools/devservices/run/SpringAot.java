package dev.keel.tools.devservices.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * Spring's AOT processing for {@code make run}: the build (process-aot in bootstrap's pom) fixed the application's
 * beans for the {@code local} profile and the configuration files in the jar, and a start from that bean graph
 * ({@code -Dspring.aot.enabled=true}) parses no configuration class and evaluates no condition (docs/performance.md).
 * A start takes it only when nothing of this run can change which beans exist; otherwise it starts as before and
 * says why.
 */
final class SpringAot {

    static final String ENABLED = "-Dspring.aot.enabled=true";

    /**
     * Variables Spring Boot reads as properties that turn beans on or off (OTEL_ and KEEL_OTLP_METRICS through
     * application.yml): set by the developer, they may want beans the build left out.
     */
    private static final Pattern BEAN_CHANGING =
            Pattern.compile("(SPRING|MANAGEMENT|SERVER|OTEL|LOGGING|SPRINGDOC|MYBATIS|JDBC)_.*|KEEL_OTLP_METRICS");

    /** Connection settings, whose values the beans read but which never change which beans exist. */
    private static final List<String> VALUES_ONLY =
            List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");

    private static final String PROFILE = "local";

    private SpringAot() {}

    /**
     * Why this run starts without the build's bean graph, or empty when it starts from it. {@code developer} is
     * the environment make run was given, {@code javaOptions} KEEL_APP_JAVA_OPTS, {@code appJar} the extracted
     * application jar and {@code workingDirectory} where the application starts.
     */
    static Optional<String> reasonAgainst(
            Map<String, String> developer, String javaOptions, Path appJar, Path workingDirectory) {
        String profiles = developer.getOrDefault("SPRING_PROFILES_ACTIVE", PROFILE);
        if (!profiles.strip().equals(PROFILE)) {
            return Optional.of(
                    "SPRING_PROFILES_ACTIVE=" + profiles + " (the build processed the " + PROFILE + " profile)");
        }
        Optional<String> variable = developer.keySet().stream()
                .filter(name -> BEAN_CHANGING.matcher(name).matches())
                .filter(name -> !VALUES_ONLY.contains(name) && !name.equals("SPRING_PROFILES_ACTIVE"))
                .sorted()
                .findFirst();
        if (variable.isPresent()) {
            return Optional.of(variable.get() + " is set");
        }
        if (javaOptions.contains("-D")) {
            return Optional.of("KEEL_APP_JAVA_OPTS sets a system property");
        }
        for (String file : List.of("application", "config/application")) {
            for (String extension : List.of(".yml", ".yaml", ".properties")) {
                if (Files.exists(workingDirectory.resolve(file + extension))) {
                    return Optional.of(file + extension + " in " + workingDirectory + " adds configuration");
                }
            }
        }
        if (!processed(appJar)) {
            return Optional.of("the application jar holds no AOT-processed bean graph");
        }
        return Optional.empty();
    }

    /** Whether the jar carries the initializer process-aot generates for its main class. */
    static boolean processed(Path appJar) {
        try (JarFile jar = new JarFile(appJar.toFile())) {
            Attributes manifest = jar.getManifest() == null
                    ? new Attributes()
                    : jar.getManifest().getMainAttributes();
            // Start-Class in the packaged jar, Main-Class once extracted
            String main = Optional.ofNullable(manifest.getValue("Start-Class"))
                    .orElse(manifest.getValue(Attributes.Name.MAIN_CLASS));
            return main != null
                    && jar.getEntry(main.replace('.', '/') + "__ApplicationContextInitializer.class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
