package dev.keel.bootstrap.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.config.MigrationConfiguration;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.S3Endpoint;
import dev.keel.tools.devservices.issuer.IssuerEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * The image make image builds offline (failsafe runs this after package, when make verify builds the image):
 * opened from its tarball, checked for a non-root user and for development-only jars, then unpacked and
 * started with its own JVM against the embedded services, in both its modes: migrate, then serve.
 */
class ImageIT {

    private static final Path WORK = Path.of("target/image-it");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static OciImage image;
    private static Path root;

    @BeforeAll
    static void openTheImage() throws IOException {
        Assumptions.assumeFalse(
                Boolean.parseBoolean(System.getProperty("keel.image.skip", "true")),
                "the image is built by make image and make verify (-Dkeel.image.skip=false)");
        Path tarball = Path.of(System.getProperty("keel.image.tar", "target/keel-image.tar"));
        assertThat(tarball).as("the image tarball jib:buildTar wrote").exists();
        FileSystemUtils.deleteRecursively(WORK);
        image = OciImage.open(tarball, WORK.resolve("oci"));
        root = WORK.resolve("root").toAbsolutePath();
        image.unpack(root, ImageRun.possible());
    }

    @Test
    void runsAsTheNonRootUserOfTheBaseAndCannotChangeItsOwnCode() throws IOException {
        String[] user = image.user().split(":");
        assertThat(Integer.parseInt(user[0])).as("the config's User").isPositive();
        assertThat(Files.readAllLines(root.resolve("etc/passwd")))
                .as("the offline base names that user")
                .anyMatch(line -> line.split(":")[2].equals(user[0]));
        assertThat(image.architecture())
                .as("the offline base is built for this machine")
                .isEqualTo(System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64");
        assertThat(image.entrypoint()).first().isEqualTo("java");
        assertThat(image.entrypoint()).as("the AOT cache's argument file").contains("@/app/aot/java-options");

        List<String> writableByTheUser = new ArrayList<>();
        boolean tmpWritable = false;
        for (OciImage.Entry entry : image.entries()) {
            if (entry.path().equals("tmp")) {
                tmpWritable = (entry.mode() & 01777) == 01777;
            }
            boolean code = entry.path().startsWith("app") || entry.path().startsWith("opt/java");
            if (code && !entry.link() && (entry.uid() != 0 || (entry.mode() & 0022) != 0)) {
                writableByTheUser.add(entry.path() + " " + Integer.toOctalString(entry.mode()) + " " + entry.uid());
            }
        }
        assertThat(writableByTheUser)
                .as("the application and the JVM: owned by root, writable by no one else")
                .isEmpty();
        assertThat(tmpWritable).as("/tmp is writable by all, sticky").isTrue();
    }

    @Test
    void holdsNoDevelopmentOnlyJar() throws IOException {
        List<String> paths = image.pathsAndJarEntries();
        assertThat(paths)
                .as("the scan sees the libraries and their classes")
                .anyMatch(path -> path.matches("app/libs/spring-boot-\\d.*\\.jar"))
                .anyMatch(path -> path.startsWith("app/libs/flyway-core-") && path.contains("!/org/flywaydb/"));

        assertThat(DevelopmentOnlyJars.among(paths))
                .as("development-only jars in the image")
                .isEmpty();

        // The same check over the same listing with one planted jar finds it: it can fail.
        List<String> planted = new ArrayList<>(paths);
        planted.add("app/libs/testcontainers-2.0.5.jar");
        assertThat(DevelopmentOnlyJars.among(planted)).containsExactly("app/libs/testcontainers-2.0.5.jar");
    }

    @Test
    void migratesThenServesTheApiFromTheUnpackedImage() throws Exception {
        Assumptions.assumeTrue(ImageRun.possible(), "starting the unpacked image needs root, unshare and setpriv");
        PostgresEndpoint database = TestServices.newDatabase("image");
        Map<String, String> settings = settings(database, freePort());

        try (ImageRun migrate =
                ImageRun.start(image, root, List.of(), List.of("migrate"), settings, WORK.resolve("migrate.log"))) {
            assertThat(migrate.waitFor(180)).as(migrate.logTail()).isZero();
        }
        String history = MigrationConfiguration.definition().getOrDefault("flyway.table", "flyway_schema_history");
        assertThat(Integer.parseInt(
                        database.queryForString("SELECT count(*) FROM \"" + history.replace("\"", "\"\"") + "\"")))
                .as("the migrate mode applied the migrations")
                .isPositive();

        // With a baked cache, AOTMode=on makes the JVM refuse to start unless the cache fits the image's JVM and jars.
        List<String> jvmOptions = bakedCache() ? List.of("-XX:AOTMode=on") : List.of();
        long started = System.nanoTime();
        try (ImageRun app = ImageRun.start(image, root, jvmOptions, List.of(), settings, WORK.resolve("app.log"))) {
            URI base = URI.create("http://127.0.0.1:" + settings.get("SERVER_PORT"));
            awaitReady(app, base);
            System.out.printf(
                    "ImageIT: the unpacked image was ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);

            String token = TestServices.issuer().token("image-it", List.of("widgets:read"));
            HttpResponse<String> widgets = HTTP.send(
                    HttpRequest.newBuilder(base.resolve("/api/widgets"))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            // 200, or 404 in a fork that removed the example: past the token check either way.
            assertThat(widgets.statusCode()).as(widgets.body()).isIn(200, 404);
            HttpResponse<String> anonymous = HTTP.send(
                    HttpRequest.newBuilder(base.resolve("/api/widgets")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
        }
    }

    /**
     * Start-up to readiness UP, median of {@code keel.image.startups} runs each, with the AOT cache the build baked
     * in and without it (-XX:AOTMode=off): make bench-image.
     */
    @Test
    @Tag("benchmark") // excluded from make verify; make bench-image runs it
    void startUpWithTheBakedAotCacheAndWithout() throws Exception {
        Assumptions.assumeTrue(ImageRun.possible(), "starting the unpacked image needs root, unshare and setpriv");
        assertThat(bakedCache()).as("the build baked an AOT cache in").isTrue();
        int runs = Integer.parseInt(System.getProperty("keel.image.startups", "5"));
        PostgresEndpoint database = TestServices.newDatabase("image_startup");
        Map<String, String> settings = settings(database, freePort());
        try (ImageRun migrate =
                ImageRun.start(image, root, List.of(), List.of("migrate"), settings, WORK.resolve("migrate.log"))) {
            assertThat(migrate.waitFor(180)).as(migrate.logTail()).isZero();
        }

        List<Long> with = new ArrayList<>();
        List<Long> without = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            with.add(startUp(settings, List.of("-XX:AOTMode=on"), log("aot-" + run)));
            without.add(startUp(settings, List.of("-XX:AOTMode=off"), log("plain-" + run)));
        }
        System.out.printf(
                "ImageIT: start-up to readiness UP, median of %d: %d ms with the baked AOT cache %s, %d ms without %s%n",
                runs, median(with), with, median(without), without);
    }

    /** Whether the image names an AOT cache in its argument file (the build trained one: as root, JDK 25+). */
    private static boolean bakedCache() throws IOException {
        return !Files.readString(root.resolve("app/aot/java-options")).isBlank();
    }

    private static long startUp(Map<String, String> settings, List<String> jvmOptions, Path log) throws Exception {
        long started = System.nanoTime();
        try (ImageRun app = ImageRun.start(image, root, jvmOptions, List.of(), settings, log)) {
            awaitReady(app, URI.create("http://127.0.0.1:" + settings.get("SERVER_PORT")));
            return (System.nanoTime() - started) / 1_000_000;
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static Path log(String name) {
        return WORK.resolve(name + ".log");
    }

    /** What a deployment sets: the database, S3 and the issuer, as environment variables. */
    private static Map<String, String> settings(PostgresEndpoint database, int port) {
        S3Endpoint s3 = TestServices.s3();
        IssuerEndpoint issuer = TestServices.issuer().endpoint();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("SERVER_PORT", String.valueOf(port));
        settings.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
        settings.put("SPRING_DATASOURCE_USERNAME", database.username());
        settings.put("SPRING_DATASOURCE_PASSWORD", database.password());
        settings.put("KEEL_S3_ENDPOINT", s3.endpoint().toString());
        settings.put("KEEL_S3_REGION", s3.region());
        settings.put("KEEL_S3_BUCKET", s3.bucket());
        settings.put("KEEL_S3_ACCESS_KEY", s3.accessKey());
        settings.put("KEEL_S3_SECRET_KEY", s3.secretKey());
        settings.put("KEEL_S3_PATH_STYLE_ACCESS", "true");
        settings.put("KEEL_ISSUER_URI", issuer.issuer().toString());
        settings.put("KEEL_ISSUER_AUDIENCE", issuer.audience());
        return settings;
    }

    private static void awaitReady(ImageRun app, URI base) throws Exception {
        HttpRequest readiness = HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(app.alive())
                    .as("the application stopped:\n" + app.logTail())
                    .isTrue();
            try {
                HttpResponse<String> response = HTTP.send(readiness, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Not ready within 180 s:\n" + app.logTail());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
