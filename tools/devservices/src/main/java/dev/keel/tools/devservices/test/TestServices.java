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
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.MinIOContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL 17, one S3 server and one token issuer per test JVM, each started on first use (a module whose
 * tests need only PostgreSQL never starts an S3 server) and stopped when the JVM exits: Testcontainers (postgres:17,
 * MinIO) when a Docker engine answers, the embedded services otherwise. Test classes do not know which;
 * {@code KEEL_TEST_SERVICES=docker|embedded} forces one. They never touch the developer's own database.
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
    // One lock each, so the two servers can start at the same time (TestServicesInitializer starts both).
    private static final Object POSTGRES_LOCK = new Object();
    private static final Object S3_LOCK = new Object();

    private static @Nullable Boolean docker;
    private static @Nullable SharedPostgres postgres;
    private static @Nullable SharedS3 s3;
    private static @Nullable LocalIssuer issuer;

    private TestServices() {}

    /** The shared test database. */
    public static PostgresEndpoint postgres() {
        return sharedPostgres().endpoint();
    }

    /** The shared test S3 server and its bucket. */
    public static S3Endpoint s3() {
        synchronized (S3_LOCK) {
            if (s3 == null) {
                SharedS3 started = docker() ? startMinio() : startEmbeddedS3();
                Runtime.getRuntime().addShutdownHook(new Thread(started.stopper(), "keel-test-s3-stop"));
                s3 = started;
            }
            return s3.endpoint();
        }
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
        return docker() ? "docker" : "embedded";
    }

    /**
     * A new empty database on the shared server, owned by the test user, for tests that must
     * not see each other's tables.
     */
    public static PostgresEndpoint newDatabase(String purpose) {
        return createDatabase(purpose, "");
    }

    /** A new database on the shared server, a copy of {@code template} (which nobody may be connected to). */
    static PostgresEndpoint copyOf(String template, String purpose) {
        return createDatabase(purpose, " TEMPLATE " + template);
    }

    /** Closes {@code database} to connections for good, so it can be copied any number of times. */
    static void freeze(String database) {
        try {
            sharedPostgres()
                    .admin()
                    .execute(
                            "ALTER DATABASE " + database + " WITH ALLOW_CONNECTIONS false",
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                                    + "'");
        } catch (SQLException e) {
            throw new DevServiceException("Could not freeze template database " + database + ": " + e.getMessage(), e);
        }
    }

    private static PostgresEndpoint createDatabase(String purpose, String clause) {
        String name = (purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + "_"
                + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet());
        PostgresEndpoint shared = postgres();
        try {
            sharedPostgres().admin().execute("CREATE DATABASE " + name + clause + " OWNER " + shared.username());
        } catch (SQLException e) {
            throw new DevServiceException("Could not create test database " + name + ": " + e.getMessage(), e);
        }
        return shared.withDatabase(name);
    }

    private static SharedPostgres sharedPostgres() {
        synchronized (POSTGRES_LOCK) {
            if (postgres == null) {
                SharedPostgres started = docker() ? startPostgresContainer() : startEmbeddedPostgres();
                Runtime.getRuntime().addShutdownHook(new Thread(started.stopper(), "keel-test-postgres-stop"));
                postgres = started;
            }
            return postgres;
        }
    }

    /** Docker or embedded, decided once per JVM for both services. */
    private static synchronized boolean docker() {
        if (docker == null) {
            String setting =
                    System.getProperty("keel.test-services", System.getenv().getOrDefault(SETTING, "auto"));
            docker = switch (setting.toLowerCase(Locale.ROOT)) {
                case "docker" -> true;
                case "embedded" -> false;
                case "auto" ->
                    dockerMightAnswer() && DockerClientFactory.instance().isDockerAvailable();
                default ->
                    throw new DevServiceException(SETTING + "=" + setting + " is not one of auto, docker, embedded.");
            };
        }
        return docker;
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

    private static SharedPostgres startPostgresContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer(POSTGRES_IMAGE)
                .withDatabaseName(DATABASE)
                .withUsername(USERNAME)
                .withPassword(PASSWORD);
        container.start();
        PostgresEndpoint endpoint =
                new PostgresEndpoint(container.getHost(), container.getFirstMappedPort(), DATABASE, USERNAME, PASSWORD);
        // The container's user is a superuser of its own server, so it can create test databases too.
        return new SharedPostgres(endpoint, endpoint, container::stop);
    }

    private static SharedS3 startMinio() {
        MinIOContainer container = new MinIOContainer(MINIO_IMAGE);
        container.start();
        S3Endpoint endpoint = new S3Endpoint(
                URI.create(container.getS3URL()),
                "us-east-1",
                container.getUserName(),
                container.getPassword(),
                BUCKET);
        Buckets.ensureExists(endpoint);
        return new SharedS3(endpoint, container::stop);
    }

    private static SharedPostgres startEmbeddedPostgres() {
        Path home = scratchDirectory("keel-test-postgres-");
        LocalPostgres server = onAFreePort(port -> LocalPostgres.startThrowaway(home, port, ServerUser.detect()));
        try {
            PostgresEndpoint endpoint = server.ensureDatabase(DATABASE, USERNAME, PASSWORD);
            return new SharedPostgres(endpoint, server.superuser(), () -> {
                server.discard();
                deleteTree(home);
            });
        } catch (RuntimeException e) {
            server.discard(); // pg_ctl detached it: nothing else would stop it
            throw e;
        }
    }

    private static SharedS3 startEmbeddedS3() {
        Path home = scratchDirectory("keel-test-s3-");
        LocalS3 server = onAFreePort(port -> LocalS3.start(home, port, "keel-test", "keel-test-secret", BUCKET));
        return new SharedS3(server.endpoint(), () -> {
            server.close();
            deleteTree(home);
        });
    }

    /**
     * Starts a server on a free port, and on another when the port is taken by the time the server checks it: make
     * test runs two modules' tests side by side, and the other JVM may pick the same free port in that moment.
     */
    static <T> T onAFreePort(IntFunction<T> start) {
        for (int attempt = 1; ; attempt++) {
            int port = Ports.freePort();
            try {
                return start.apply(port);
            } catch (DevServiceException e) {
                if (attempt == 3 || Ports.isFree(port)) {
                    throw e; // not a port taken meanwhile, or not for the third time in a row
                }
            }
        }
    }

    private static Path scratchDirectory(String prefix) {
        try {
            return Directories.newScratchDirectory(prefix);
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

    /** The JVM's PostgreSQL: the test user's endpoint, a role that may create databases, and how to stop it. */
    private record SharedPostgres(PostgresEndpoint endpoint, PostgresEndpoint admin, Runnable stopper) {}

    private record SharedS3(S3Endpoint endpoint, Runnable stopper) {}
}
