package dev.keel.tools.devservices.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringAotTest {

    private static final String MAIN = "com.example.ShopApplication";

    @TempDir
    Path directory;

    @Test
    void aPlainMakeRunStartsFromTheBuildsBeanGraph() throws IOException {
        Path jar = jar(MAIN, true);

        assertThat(SpringAot.reasonAgainst(Map.of("KEEL_HTTP_PORT", "8081", "PATH", "/usr/bin"), "", jar, directory))
                .isEmpty();
        assertThat(SpringAot.reasonAgainst(
                        Map.of("SPRING_PROFILES_ACTIVE", "local", "SPRING_DATASOURCE_URL", "jdbc:postgresql://h/db"),
                        "-XX:TieredStopAtLevel=4",
                        jar,
                        directory))
                .isEmpty();
    }

    @Test
    void anotherProfileStartsWithoutIt() throws IOException {
        assertThat(SpringAot.reasonAgainst(
                        Map.of("SPRING_PROFILES_ACTIVE", "local,demo"), "", jar(MAIN, true), directory))
                .hasValueSatisfying(reason -> assertThat(reason).contains("local,demo"));
    }

    @Test
    void aVariableThatMayTurnBeansOnStartsWithoutIt() throws IOException {
        Path jar = jar(MAIN, true);

        assertThat(SpringAot.reasonAgainst(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"), "", jar, directory))
                .hasValue("OTEL_EXPORTER_OTLP_ENDPOINT is set");
        assertThat(SpringAot.reasonAgainst(Map.of("KEEL_OTLP_METRICS", "true"), "", jar, directory))
                .hasValue("KEEL_OTLP_METRICS is set");
        assertThat(SpringAot.reasonAgainst(Map.of("SPRINGDOC_API_DOCS_ENABLED", "false"), "", jar, directory))
                .isPresent();
        assertThat(SpringAot.reasonAgainst(Map.of(), "-Dmanagement.tracing.enabled=false", jar, directory))
                .isPresent();
    }

    @Test
    void configurationBesideTheProjectStartsWithoutIt() throws IOException {
        Path jar = jar(MAIN, true);
        Files.createDirectories(directory.resolve("config"));
        Files.writeString(directory.resolve("config/application.properties"), "springdoc.api-docs.enabled=false\n");

        assertThat(SpringAot.reasonAgainst(Map.of(), "", jar, directory))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("config/application.properties"));
    }

    @Test
    void aJarTheBuildDidNotProcessStartsWithoutIt() throws IOException {
        assertThat(SpringAot.processed(jar(MAIN, false))).isFalse();
        assertThat(SpringAot.reasonAgainst(Map.of(), "", jar(MAIN, false), directory))
                .isPresent();
        assertThat(SpringAot.processed(jar(MAIN, true))).isTrue();
    }

    /** An extracted application jar: its main class in the manifest, with or without process-aot's initializer. */
    private Path jar(String mainClass, boolean processed) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        Path jar = Files.createTempFile(directory, "app", ".jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            String path = mainClass.replace('.', '/');
            out.putNextEntry(new JarEntry(path + ".class"));
            out.closeEntry();
            if (processed) {
                out.putNextEntry(new JarEntry(path + "__ApplicationContextInitializer.class"));
                out.closeEntry();
            }
        }
        return jar;
    }
}
