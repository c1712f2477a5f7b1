package dev.keel.tools.devservices.run;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.DockerCompose;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.Processes;
import dev.keel.tools.devservices.S3Endpoint;
import dev.keel.tools.devservices.db.ComposeDevPostgres;
import dev.keel.tools.devservices.db.DevDatabase;
import dev.keel.tools.devservices.db.DevPostgres;
import dev.keel.tools.devservices.db.EmbeddedDevPostgres;
import dev.keel.tools.devservices.issuer.LocalIssuer;
import dev.keel.tools.devservices.issuer.TokenCommand;
import dev.keel.tools.devservices.postgres.LocalPostgres;
import dev.keel.tools.devservices.s3.LocalS3;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * {@code make run}: finds PostgreSQL and S3 (explicit settings, else Docker Compose, else the
 * embedded services), starts the application jar against them, prints where it listens, and
 * on Ctrl-C stops everything it started.
 */
public final class KeelRun {

    private static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration CACHE_TIMEOUT = Duration.ofSeconds(90);
    private static final PrintStream OUT = System.out;

    private final RunSettings settings;
    private final List<AutoCloseable> started = Collections.synchronizedList(new ArrayList<>());
    private volatile Process application;
    // Set by the start, read by the shutdown hook's thread.
    private volatile @Nullable ExtractedApplication extracted;
    private volatile @Nullable ClassCache classCache;
    private volatile @Nullable Thread cacheTraining;
    // -Dspring.aot.enabled=true when this run starts from the build's bean graph; decided at the first start.
    private volatile @Nullable List<String> springAot;
    private CompletableFuture<LocalS3> s3Starting = CompletableFuture.completedFuture(null);
    private CompletableFuture<?> postgresStarting = CompletableFuture.completedFuture(null);
    private boolean stopped;
    private String databaseLine;
    private @Nullable String issuerLine;

    KeelRun(RunSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("token")) {
            TokenCommand.main(args); // make token: one jar for everything make run owns
            return;
        }
        if (args.length != 2 || !args[0].equals("--app")) {
            System.err.println("usage: java -jar keel-devservices-launcher.jar --app <application jar> | token");
            System.exit(2);
        }
        Path project = Path.of("").toAbsolutePath();
        try {
            System.exit(new KeelRun(RunSettings.from(System.getenv(), project, Path.of(args[1]))).run());
        } catch (DevServiceException e) {
            System.err.println("\nkeel: " + e.getMessage());
            System.exit(1);
        }
    }

    int run() {
        if (!Files.isRegularFile(settings.appJar())) {
            throw new DevServiceException("The application jar " + settings.appJar() + " is missing.\n"
                    + "  Fix: make build (make run builds it when its sources change).");
        }
        Optional<RunLock> lock = acquireLock();
        if (lock.isEmpty()) {
            System.err.println(
                    "keel: Keel is already running from this directory (" + RunLock.holder(settings.dataDirectory())
                            + ").\n  Use that one, or stop it with Ctrl-C in its terminal first.");
            return 1;
        }
        register(lock.get());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEverything, "keel-run-shutdown"));
        long begin = System.nanoTime();

        stopLeftoverApplication();
        Ports.requireFree(settings.httpPort(), "the Keel application", "KEEL_HTTP_PORT");
        Map<String, String> appEnvironment = new HashMap<>(settings.environment());
        String services = provideServices(appEnvironment);
        provideIssuer(appEnvironment);
        appEnvironment.put("SERVER_PORT", Integer.toString(settings.httpPort()));
        appEnvironment.putIfAbsent("SPRING_PROFILES_ACTIVE", "local");

        application = startApplication(appEnvironment);
        join(postgresStarting);
        join(s3Starting);
        boolean healthy = awaitHealthy();
        if (!healthy && !application.isAlive() && classCache != null && classCache.discardIfBroken()) {
            OUT.println("keel: the JVM refused the application's AOT cache; starting it again without the cache");
            application = startApplication(appEnvironment);
            healthy = awaitHealthy();
        }
        if (!healthy) {
            int code = application.isAlive() ? 1 : application.exitValue();
            System.err.println("\nkeel: the application "
                    + (application.isAlive()
                            ? "did not report health UP within " + HEALTH_TIMEOUT.toMinutes() + " minutes"
                            : "exited with code " + code + " before it was up")
                    + "; its log is above. Stopping the services it was given.");
            stopEverything();
            return code == 0 ? 1 : code;
        }
        // Before the banner, so whoever waits for "Keel is up" already finds whether a training started.
        trainClassCacheInBackground(appEnvironment);
        printBanner(services, Duration.ofNanos(System.nanoTime() - begin));
        int code = waitFor(application);
        stopEverything();
        return code;
    }

    private void register(AutoCloseable service) {
        started.add(service);
    }

    /** An application a crashed run left behind would hold the HTTP port: stop it first. */
    private void stopLeftoverApplication() {
        Processes.stopLeftover(appPidFile(), runMarker(), Duration.ofSeconds(30))
                .ifPresent(pid ->
                        OUT.println("keel: stopped the application (pid " + pid + ") left running by an earlier run"));
    }

    /** Marks the application's command line, so a leftover is told apart from other Java processes. */
    private String runMarker() {
        return "-Dkeel.run.data-dir=" + settings.dataDirectory();
    }

    private Path appPidFile() {
        return settings.dataDirectory().resolve("app.pid");
    }

    private Optional<RunLock> acquireLock() {
        try {
            return RunLock.tryAcquire(settings.dataDirectory(), "http://127.0.0.1:" + settings.httpPort());
        } catch (IOException e) {
            throw new DevServiceException("Could not create " + settings.dataDirectory() + ": " + e.getMessage(), e);
        }
    }

    /** Starts what is not configured explicitly and puts its connection settings in {@code env}. */
    private String provideServices(Map<String, String> env) {
        // KEEL_DB_URL is the tooling's name for your database; the application reads Spring's.
        settings.dev().explicitServer().ifPresent(own -> {
            env.putIfAbsent("SPRING_DATASOURCE_URL", own.url());
            env.putIfAbsent("SPRING_DATASOURCE_USERNAME", own.username());
            env.putIfAbsent("SPRING_DATASOURCE_PASSWORD", own.password());
        });
        if (settings.explicitDatabase() && settings.explicitS3()) {
            return "PostgreSQL and S3 from your settings";
        }
        DockerCompose compose =
                new DockerCompose(settings.dev().dockerCommand(), settings.dev().composeFile());
        boolean docker = settings.dockerAllowed() && compose.available();
        List<String> parts = new ArrayList<>();
        if (!settings.explicitS3()) {
            if (docker) {
                List<String> s3Services = List.of("minio", "minio-bucket");
                List<String> wereRunning = compose.running();
                OUT.println("keel: Docker answers: docker compose up -d --wait " + String.join(" ", s3Services));
                compose.up(s3Services);
                List<String> startedNow = s3Services.stream()
                        .filter(service -> !wereRunning.contains(service))
                        .toList();
                register(() -> compose.stop(startedNow));
                parts.add("MinIO from docker compose");
            } else {
                // S3Proxy's JVM takes longer to start than PostgreSQL, and the application needs the bucket
                // only once it serves requests: S3Proxy starts beside PostgreSQL and the application.
                s3Starting = CompletableFuture.supplyAsync(this::startS3);
                S3Endpoint s3 = LocalS3.endpoint(
                        settings.s3Port(), RunSettings.S3_ACCESS_KEY, RunSettings.S3_SECRET_KEY, RunSettings.BUCKET);
                env.put("KEEL_S3_ENDPOINT", s3.endpoint().toString());
                env.put("KEEL_S3_REGION", s3.region());
                env.put("KEEL_S3_ACCESS_KEY", s3.accessKey());
                env.put("KEEL_S3_SECRET_KEY", s3.secretKey());
                env.put("KEEL_S3_BUCKET", s3.bucket());
                env.put("KEEL_S3_PATH_STYLE_ACCESS", "true");
                parts.add("embedded S3Proxy");
            }
        }
        if (!settings.explicitDatabase()) {
            EmbeddedDevPostgres embedded = EmbeddedDevPostgres.of(settings.dev());
            boolean startsItsOwn = !embedded.kept() && !docker;
            DevPostgres server = startsItsOwn ? embedded : runningPostgres(compose, embedded);
            DevDatabase database = new DevDatabase(server, settings.dev().databaseName());
            if (startsItsOwn) {
                // The application's JVM and Spring take longer to start than PostgreSQL and its database: the
                // application starts beside them with the login known in advance, and waits for its database
                // (spring.datasource.hikari.initialization-fail-timeout in application-local.yml). A thread of its
                // own rather than the common pool's: it inherits this one's class loader, through which JDBC finds
                // PostgreSQL's driver in the launcher's jar.
                postgresStarting = CompletableFuture.runAsync(
                        () -> {
                            startEmbedded(embedded);
                            open(database);
                        },
                        task -> Thread.ofPlatform().name("keel-run-postgres").start(task));
            } else {
                open(database);
            }
            PostgresEndpoint where = server.login(database.name().name());
            env.put("SPRING_DATASOURCE_URL", where.jdbcUrl());
            env.put("SPRING_DATASOURCE_USERNAME", where.username());
            env.put("SPRING_DATASOURCE_PASSWORD", where.password());
            databaseLine = "  PostgreSQL  " + where.host() + ":" + where.port() + " database " + where.database()
                    + ", user " + where.username() + " (make db-psql)";
            parts.addFirst(server.label());
        }
        return String.join(" and ", parts);
    }

    /** Creates this checkout's database on first use; its login is the server's, known before it starts. */
    private static void open(DevDatabase database) {
        DevDatabase.Login login = database.open();
        OUT.println("keel: " + (login.created() ? "created " : "using ") + "the " + database.describe());
    }

    /**
     * The development token issuer, in this process, unless {@code KEEL_ISSUER_URI} names another: its key and
     * client secret are kept in the data directory, so tokens outlive a restart.
     */
    private void provideIssuer(Map<String, String> env) {
        if (env.containsKey("KEEL_ISSUER_URI")) {
            issuerLine = "  Tokens      from " + env.get("KEEL_ISSUER_URI");
            return;
        }
        LocalIssuer issuer = LocalIssuer.start(settings.dataDirectory().resolve("issuer"), settings.issuerPort());
        register(issuer);
        env.put("KEEL_ISSUER_URI", issuer.endpoint().issuer().toString());
        env.put("KEEL_ISSUER_AUDIENCE", issuer.endpoint().audience());
        env.putIfAbsent("KEEL_TOKEN_URL", issuer.endpoint().tokenEndpoint().toString()); // for Swagger UI
        issuerLine = "  Tokens      make token (every scope of docs/openapi.json; SCOPES='...' for fewer); issuer "
                + issuer.endpoint().issuer() + ", client " + issuer.endpoint().clientId() + " (docs/security.md)";
    }

    /**
     * A PostgreSQL that is there before the application starts: the one {@code make db-start} keeps running
     * (used and left running), or Docker Compose's (started if needed and stopped again on exit).
     */
    private DevPostgres runningPostgres(DockerCompose compose, EmbeddedDevPostgres embedded) {
        if (embedded.kept()) {
            OUT.println("keel: using the " + embedded.describe() + ", kept running by make db-start");
            return embedded;
        }
        ComposeDevPostgres composed = new ComposeDevPostgres(compose);
        if (composed.running()) {
            OUT.println("keel: using the running " + composed.describe());
        } else {
            OUT.println("keel: Docker answers: docker compose up -d --wait " + ComposeDevPostgres.SERVICE);
            compose.up(List.of(ComposeDevPostgres.SERVICE));
            register(() -> compose.stop(List.of(ComposeDevPostgres.SERVICE)));
        }
        return composed;
    }

    /** This run's own embedded PostgreSQL, stopped again on exit unless {@code make db-start} kept it meanwhile. */
    private void startEmbedded(EmbeddedDevPostgres embedded) {
        String placement = embedded.placementNotice(settings.dev());
        if (!placement.isEmpty()) {
            OUT.println("keel: " + placement);
        }
        OUT.println("keel: starting PostgreSQL " + LocalPostgres.MAJOR_VERSION + " on 127.0.0.1:" + embedded.port()
                + " " + embedded.user().describe());
        LocalPostgres postgres = embedded.startForRun();
        // make db-start while this run is up marks the server to outlive it.
        register(() -> {
            if (!embedded.kept()) {
                postgres.close();
            }
        });
        postgres.notices().forEach(notice -> OUT.println("keel: " + notice));
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private LocalS3 startS3() {
        OUT.println("keel: starting S3Proxy on 127.0.0.1:" + settings.s3Port());
        LocalS3 s3 = LocalS3.start(
                settings.dataDirectory().resolve("s3"),
                settings.s3Port(),
                RunSettings.S3_ACCESS_KEY,
                RunSettings.S3_SECRET_KEY,
                RunSettings.BUCKET);
        register(s3);
        if (s3.stoppedLeftover()) {
            OUT.println("keel: stopped an S3Proxy left running by an earlier run");
        }
        return s3;
    }

    private Process startApplication(Map<String, String> env) {
        ExtractedApplication app = ExtractedApplication.of(
                settings.appJar(), settings.dataDirectory().resolve("app"));
        ClassCache cache = app.classCache();
        extracted = app;
        classCache = cache;
        if (springAot == null) {
            Optional<String> against = SpringAot.reasonAgainst(
                    settings.environment(), javaOptions(), app.jar(), settings.projectDirectory());
            against.ifPresent(reason -> OUT.println(
                    "keel: starting without Spring's AOT-processed beans, built for the local profile alone: "
                            + reason));
            springAot = against.isPresent() ? List.of() : List.of(SpringAot.ENABLED);
        }
        List<String> command = new ArrayList<>(List.of(Processes.currentJava(), runMarker()));
        command.addAll(cache.jvmOptions());
        command.addAll(applicationJvmOptions(app));
        command.addAll(List.of("-jar", app.jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            Files.writeString(appPidFile(), Long.toString(process.pid()));
            return process;
        } catch (IOException e) {
            throw new DevServiceException("Could not start the application: " + e.getMessage(), e);
        }
    }

    /**
     * The application's JVM options besides its class cache's: the launcher's, Spring AOT's when the run takes it
     * (the AOT cache is trained with the same), then KEEL_APP_JAVA_OPTS.
     */
    private List<String> applicationJvmOptions(ExtractedApplication app) {
        List<String> options = new ArrayList<>(app.jvmOptions());
        options.addAll(Objects.requireNonNullElse(springAot, List.of()));
        String javaOptions = javaOptions();
        if (!javaOptions.isBlank()) {
            options.addAll(List.of(javaOptions.strip().split("\\s+")));
        }
        return options;
    }

    private String javaOptions() {
        return settings.environment().getOrDefault("KEEL_APP_JAVA_OPTS", "");
    }

    /**
     * The first run of a build, once up: the AOT cache for every later run, trained by a second start of the
     * application in the background that exits once its context is refreshed (it binds no port). Ctrl-C before it
     * is done stops it, and the next run trains again.
     */
    private void trainClassCacheInBackground(Map<String, String> appEnvironment) {
        ClassCache cache = classCache;
        ExtractedApplication app = extracted;
        if (cache == null || app == null || !cache.training()) {
            return;
        }
        List<String> jvmOptions = applicationJvmOptions(app);
        jvmOptions.add("-Dspring.context.exit=onRefresh");
        Map<String, String> environment = Map.copyOf(appEnvironment);
        OUT.println("keel: training the application's AOT cache in the background, once per build: "
                + "the next make run of this build starts from it");
        cacheTraining = Thread.ofPlatform()
                .name("keel-run-aot-cache")
                .daemon(true)
                .start(() -> {
                    boolean written =
                            cache.train(jvmOptions, List.of("-jar", app.jar().toString()), environment, CACHE_TIMEOUT);
                    if (written) {
                        OUT.println("keel: the application's AOT cache is written");
                    } else if (!Thread.currentThread().isInterrupted()) {
                        OUT.println(
                                "keel: no AOT cache written (" + cache.trainingLog() + "); the next run trains again");
                    }
                });
    }

    /** Ctrl-C while the AOT cache is being trained: it stops, before the services it uses do. */
    private void stopClassCacheTraining() {
        Thread training = cacheTraining;
        if (training == null || !training.isAlive()) {
            return;
        }
        training.interrupt();
        try {
            training.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        OUT.println("keel: stopped training the AOT cache before it was done; the next run trains it again");
    }

    private boolean awaitHealthy() {
        long deadline = System.nanoTime() + HEALTH_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && application.isAlive()) {
            if (healthIsUp()) {
                return true;
            }
            pause();
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return false;
    }

    /**
     * One health check over plain HTTP. {@code java.net.http}'s client would set up TLS when it is built:
     * about 0.1 s of CPU taken from the application, which is starting beside this JVM on the same cores.
     */
    private boolean healthIsUp() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) healthUri().toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try (InputStream body = connection.getInputStream()) {
                return connection.getResponseCode() == 200
                        && new String(body.readAllBytes(), StandardCharsets.UTF_8).contains("\"UP\"");
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false; // not listening yet, or not up: an answer other than 2xx throws
        }
    }

    private URI healthUri() {
        return URI.create(baseUrl() + "/actuator/health");
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + settings.httpPort();
    }

    private void printBanner(String services, Duration took) {
        OUT.printf(
                """

                Keel is up after %.1f s (%s).
                  App         %s/
                  Swagger UI  %s/swagger-ui/index.html
                  OpenAPI     %s/v3/api-docs
                  Health      %s
                %s
                Ctrl-C stops Keel and everything this run started.

                """,
                took.toMillis() / 1000.0, services, baseUrl(), baseUrl(), baseUrl(), healthUri(), connectionLines());
        OUT.flush();
    }

    private String connectionLines() {
        StringBuilder lines = new StringBuilder();
        if (databaseLine != null) {
            lines.append(databaseLine).append('\n');
        }
        if (issuerLine != null) {
            lines.append(issuerLine).append('\n');
        }
        if (!settings.explicitS3()) {
            lines.append("  S3          http://127.0.0.1:")
                    .append(settings.s3Port())
                    .append(" bucket ")
                    .append(RunSettings.BUCKET)
                    .append('\n');
        }
        return lines.toString().stripTrailing();
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Stops the application first, then the services, newest first. Safe to call twice. */
    private synchronized void stopEverything() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopClassCacheTraining();
        try {
            s3Starting.join(); // one still starting is stopped below once it has registered
        } catch (RuntimeException e) {
            // it failed to start; nothing of it is left to stop
        }
        if (application != null) {
            Processes.stop(application.toHandle(), Duration.ofSeconds(30));
            try {
                Files.deleteIfExists(appPidFile());
            } catch (IOException e) {
                // harmless: the next run checks the process the file names
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("keel: while stopping: " + e.getMessage());
            }
        }
        if (started.size() > 1) {
            OUT.println("keel: stopped the application and the services this run started.");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
