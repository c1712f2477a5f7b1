package dev.keel.tools.devservices.test;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.S3Endpoint;
import dev.keel.tools.devservices.issuer.LocalIssuer;
import dev.keel.tools.devservices.postgres.LocalPostgres;
import dev.keel.tools.devservices.postgres.ServerUser;
import dev.keel.tools.devservices.s3.Buckets;
import dev.keel.tools.devservices.s3.LocalS3;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL 17, one S3 server and one token issuer per test JVM, started on first use and stopped when the
 * JVM exits: Testcontainers (postgres:17, MinIO) when a Docker engine answers, the embedded
 * services otherwise. Test classes do not know which; {@code KEEL_TEST_SERVICES=docker|embedded}
 * forces one. They never touch the developer's own database.
 */
public final class TestServices {

    public static final String SETTING = "KEEL_TEST_SERVICES";
    static final String POSTGRES_IMAGE = "postgres:17.11";
    static final String MINIO_IMAGE = "minio/minio:RELEASE.2025-09-07T16-13-09Z";
    private static final String DATABASE = "keel_test";
    private static final String USERNAME = "keel";
    private static final String PASSWORD = "keel";
    private static final String BUCKET = "keel-test";
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static Running running;
    private static LocalIssuer issuer;

    private TestServices() {}

    /** The shared test database. */
    public static PostgresEndpoint postgres() {
        return running().postgres();
    }

    /** The shared test S3 server and its bucket. */
    public static S3Endpoint s3() {
        return running().s3();
    }

    /**
     * The test JVM's token issuer (the development one, on a free port, in either mode): tests get tokens from it,
     * and the application under test trusts it.
     */
    public static synchronized LocalIssuer issuer() {
        if (issuer == null) {
            try {
                LocalIssuer started = LocalIssuer.start(Directories.newScratchDirectory("keel-test-issuer-"), 0);
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "keel-test-issuer-stop"));
                issuer = started;
            } catch (IOException e) {
                throw new DevServiceException("Could not create a directory for the test issuer: " + e.getMessage(), e);
            }
        }
        return issuer;
    }

    /** {@code Bearer <token>} for the development client with {@code scopes}, for an Authorization header. */
    public static String bearer(String... scopes) {
        return "Bearer " + issuer().token(LocalIssuer.CLIENT_ID, List.of(scopes));
    }

    /** {@code docker} or {@code embedded}: what this JVM's tests run against. */
    public static String kind() {
        return running().kind();
    }

    /**
     * A new empty database on the shared server, owned by the test user, for tests that must
     * not see each other's tables.
     */
    public static PostgresEndpoint newDatabase(String purpose) {
        String name = (purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
                + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet());
        PostgresEndpoint shared = postgres();
        try {
            running().admin().execute("CREATE DATABASE " + name + " OWNER " + shared.username());
        } catch (SQLException e) {
            throw new DevServiceException("Could not create test database " + name + ": " + e.getMessage(), e);
        }
        return shared.withDatabase(name);
    }

    private static synchronized Running running() {
        if (running == null) {
            running = start();
            Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "keel-test-services-stop"));
        }
        return running;
    }

    private static Running start() {
        String setting =
                System.getProperty("keel.test-services", System.getenv().getOrDefault(SETTING, "auto"));
        boolean docker =
                switch (setting.toLowerCase(Locale.ROOT)) {
                    case "docker" -> true;
                    case "embedded" -> false;
                    case "auto" ->
                        dockerMightAnswer() && DockerClientFactory.instance().isDockerAvailable();
                    default ->
                        throw new DevServiceException(
                                SETTING + "=" + setting + " is not one of auto, docker, embedded.");
                };
        return docker ? startContainers() : startEmbedded();
    }

    /**
     * A cheap look for any sign of a Docker engine before asking Testcontainers, which logs
     * alarming errors on machines that simply have none.
     */
    private static boolean dockerMightAnswer() {
        if (System.getenv("DOCKER_HOST") != null) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home"));
        String runtimeDir = System.getenv().getOrDefault("XDG_RUNTIME_DIR", "/nonexistent");
        return Stream.of(
                        Path.of("/var/run/docker.sock"),
                        Path.of(runtimeDir, "docker.sock"),
                        home.resolve(".docker/run/docker.sock"),
                        home.resolve(".docker/desktop/docker.sock"),
                        home.resolve(".colima/default/docker.sock"),
                        home.resolve(".testcontainers.properties"))
                .anyMatch(Files::exists);
    }

    private static Running startContainers() {
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(DATABASE)
                .withUsername(USERNAME)
                .withPassword(PASSWORD);
        MinIOContainer minio = new MinIOContainer(MINIO_IMAGE);
        postgres.start();
        minio.start();
        S3Endpoint s3 = new S3Endpoint(
                URI.create(minio.getS3URL()), "us-east-1", minio.getUserName(), minio.getPassword(), BUCKET);
        Buckets.ensureExists(s3);
        PostgresEndpoint endpoint =
                new PostgresEndpoint(postgres.getHost(), postgres.getFirstMappedPort(), DATABASE, USERNAME, PASSWORD);
        // The container's user is a superuser of its own server, so it can create test databases too.
        return new Running("docker", endpoint, endpoint, s3, () -> {
            minio.stop();
            postgres.stop();
        });
    }

    private static Running startEmbedded() {
        try {
            Path home = Directories.newScratchDirectory("keel-test-services-");
            LocalPostgres postgres =
                    LocalPostgres.startThrowaway(home.resolve("postgres"), Ports.freePort(), ServerUser.detect());
            PostgresEndpoint endpoint;
            LocalS3 s3;
            try {
                endpoint = postgres.ensureDatabase(DATABASE, USERNAME, PASSWORD);
                s3 = LocalS3.start(home.resolve("s3"), Ports.freePort(), "keel-test", "keel-test-secret", BUCKET);
            } catch (RuntimeException e) {
                postgres.discard(); // pg_ctl detached it: nothing else would stop it
                throw e;
            }
            return new Running("embedded", endpoint, postgres.superuser(), s3.endpoint(), () -> {
                s3.close();
                postgres.discard();
                deleteTree(home);
            });
        } catch (IOException e) {
            throw new DevServiceException("Could not create a directory for the test services: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) {
        try {
            Directories.deleteTree(root);
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }

    private record Running(
            String kind, PostgresEndpoint postgres, PostgresEndpoint admin, S3Endpoint s3, Runnable stopper) {
        void stop() {
            stopper.run();
        }
    }
}
