package dev.keel.tools.migrate.devdb;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.DockerCompose;
import dev.keel.tools.devservices.db.DevDatabase;
import dev.keel.tools.devservices.db.DevPostgres;
import dev.keel.tools.devservices.db.DevSettings;
import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code make verify-setup}: whether this machine can run Keel, one check at a time, each
 * failure with the command that fixes it.
 */
public final class SetupDoctor {

    /** How a check came out. A NOTE is worth knowing but needs no action. */
    public enum Outcome {
        OK,
        NOTE,
        FAIL
    }

    public record Check(String name, Outcome outcome, String detail, String fix) {}

    /** Where the application's S3 is: {@code KEEL_S3_*}, else what {@code make run} provides. */
    record S3Target(
            URI endpoint, String region, String accessKey, String secretKey, String bucket, boolean configured) {

        /** With Docker, make run's S3 is compose's MinIO on 9000; without, the embedded S3Proxy. */
        static S3Target from(Map<String, String> env, boolean docker) {
            String endpoint = env.get("KEEL_S3_ENDPOINT");
            boolean configured = endpoint != null && !endpoint.isBlank();
            if (!configured) {
                endpoint = docker
                        ? "http://127.0.0.1:9000"
                        : "http://127.0.0.1:" + DevSettings.port(env, "KEEL_S3_PORT", 19000);
            }
            return new S3Target(
                    URI.create(endpoint.strip()),
                    env.getOrDefault("KEEL_S3_REGION", "us-east-1"),
                    env.getOrDefault("KEEL_S3_ACCESS_KEY", "keel"),
                    env.getOrDefault("KEEL_S3_SECRET_KEY", "keel-secret-key"),
                    env.getOrDefault("KEEL_S3_BUCKET", "keel"),
                    configured);
        }
    }

    private final DevSettings settings;
    private final MigrationFiles files;
    private final List<Check> checks = new ArrayList<>();

    public SetupDoctor(DevSettings settings, MigrationFiles files) {
        this.settings = settings;
        this.files = files;
    }

    /** Runs every check in order; a check that cannot run because an earlier one failed says so. */
    public List<Check> run() {
        checkJdk();
        DockerCompose compose = new DockerCompose(settings.dockerCommand(), settings.composeFile());
        boolean docker = checkDocker(compose);
        Database database = checkDatabase();
        checkMigrations(database);
        checkS3(docker);
        checkIssuer();
        checkPsql();
        return List.copyOf(checks);
    }

    private void add(String name, Outcome outcome, String detail, String fix) {
        checks.add(new Check(name, outcome, detail, fix));
    }

    private void checkJdk() {
        int feature = Runtime.version().feature();
        String detail = "Java " + Runtime.version() + " at " + System.getProperty("java.home");
        if (feature >= 21) {
            add("JDK", Outcome.OK, detail, "");
        } else {
            add(
                    "JDK",
                    Outcome.FAIL,
                    detail + ": Keel needs 21 or newer",
                    "install a JDK 21 or newer (the build finds it in the usual places), or set JAVA_HOME to one");
        }
    }

    private boolean checkDocker(DockerCompose compose) {
        if (!settings.dockerAllowed()) {
            add("Docker", Outcome.NOTE, "KEEL_DOCKER=never: make run uses the embedded PostgreSQL 17 and S3Proxy", "");
            return false;
        }
        if (compose.available()) {
            add(
                    "Docker",
                    Outcome.OK,
                    "a Docker engine and Compose v2 answer: make run uses docker-compose.yml "
                            + "(PostgreSQL too, unless make db-start keeps the embedded one running)",
                    "");
            return true;
        }
        add(
                "Docker",
                Outcome.NOTE,
                "no Docker engine answers: make run uses the embedded PostgreSQL 17 and S3Proxy, "
                        + "which need nothing installed",
                "");
        return false;
    }

    private Database checkDatabase() {
        DevDatabase devDatabase;
        try {
            devDatabase = DevDatabase.locate(settings);
        } catch (DevServiceException e) {
            add("PostgreSQL", Outcome.FAIL, e.getMessage(), "fix the setting it names");
            return null;
        }
        DevPostgres server = devDatabase.server();
        if (!server.running()) {
            add("PostgreSQL", Outcome.FAIL, "not running: " + server.describe(), server.startHint());
            add("Database", Outcome.FAIL, "not checked: the server is not running", server.startHint());
            return null;
        }
        DevDatabase.Login login;
        try {
            login = devDatabase.open();
        } catch (DevServiceException e) {
            add("PostgreSQL", Outcome.FAIL, e.getMessage(), server.startHint());
            return null;
        }
        Database database = new Database(login.jdbcUrl(), login.username(), login.password());
        try (Connection connection = DriverManager.getConnection(login.jdbcUrl(), login.username(), login.password());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT current_setting('server_version'), " + "current_setting('server_version_num')::int")) {
            row.next();
            String version = row.getString(1);
            int major = row.getInt(2) / 10000;
            if (major == 17) {
                add("PostgreSQL", Outcome.OK, "PostgreSQL " + version + ", " + server.describe(), "");
            } else {
                add(
                        "PostgreSQL",
                        Outcome.FAIL,
                        "PostgreSQL " + version + " at " + login.jdbcUrl()
                                + ": Keel runs and is tested on PostgreSQL 17",
                        "use PostgreSQL 17 (unset KEEL_DB_URL for Keel's own, or upgrade your server)");
            }
        } catch (SQLException e) {
            add(
                    "PostgreSQL",
                    Outcome.FAIL,
                    "cannot log in to " + login.jdbcUrl() + " as " + login.username() + ": " + e.getMessage(),
                    "check KEEL_DB_USER and KEEL_DB_PASSWORD, or " + server.startHint());
            return null;
        }
        add("Database", Outcome.OK, devDatabase.name().describe() + (login.created() ? ", created now" : ""), "");
        return database;
    }

    private void checkMigrations(Database database) {
        if (database == null) {
            add("Migrations", Outcome.FAIL, "not checked: no database to look at", "fix the database check first");
            return;
        }
        Migrations.Report report;
        try {
            report = new Migrations(database, files).status();
        } catch (MigrationException e) {
            add("Migrations", Outcome.FAIL, e.getMessage(), "make migrate-validate says more");
            return;
        }
        List<Migrations.Status> broken = report.migrations().stream()
                .filter(row -> row.state().equals("failed")
                        || List.of("changed", "missing").contains(row.checksum()))
                .toList();
        String at = report.current().isEmpty() ? "an empty schema" : "version " + report.current();
        if (!broken.isEmpty()) {
            add(
                    "Migrations",
                    Outcome.FAIL,
                    broken.size() + " applied migration(s) failed or changed since they ran, " + "first "
                            + broken.getFirst().version(),
                    "make migrate-status shows them; make migrate-repair "
                            + "realigns checksums after an intended edit");
        } else if (report.pending() > 0) {
            add("Migrations", Outcome.FAIL, "at " + at + ", " + report.pending() + " pending", "make migrate-up");
        } else {
            add("Migrations", Outcome.OK, "at " + at + ", nothing pending", "");
        }
    }

    private void checkS3(boolean docker) {
        S3Target target = S3Target.from(settings.environment(), docker);
        String where = target.endpoint() + " bucket " + target.bucket();
        String startFix = target.configured()
                ? "start that server, or correct KEEL_S3_ENDPOINT"
                : "make run starts it (S3Proxy, or MinIO with Docker); or point KEEL_S3_ENDPOINT at your S3";
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(target.endpoint())
                .region(Region.of(target.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(target.accessKey(), target.secretKey())))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(5))
                        .build())
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            s3.headBucket(request -> request.bucket(target.bucket()));
            add("S3", Outcome.OK, where + " answers and the bucket is there", "");
        } catch (NoSuchBucketException e) {
            add(
                    "S3",
                    Outcome.FAIL,
                    where + ": the server answers, the bucket does not exist",
                    "create bucket " + target.bucket() + " (make run does for its own server), or set KEEL_S3_BUCKET");
        } catch (S3Exception e) {
            add(
                    "S3",
                    Outcome.FAIL,
                    where + ": the server refused (" + e.statusCode() + " "
                            + e.awsErrorDetails().errorCode() + ")",
                    "check KEEL_S3_ACCESS_KEY and KEEL_S3_SECRET_KEY");
        } catch (SdkClientException e) {
            add("S3", Outcome.FAIL, "nothing answers at " + target.endpoint(), startFix);
        }
    }

    /**
     * The token issuer the application trusts: {@code KEEL_ISSUER_URI}, else the one make run starts. Its discovery
     * document must name exactly that issuer, or every token is refused for its {@code iss}.
     */
    private void checkIssuer() {
        Map<String, String> env = settings.environment();
        String configured = env.get("KEEL_ISSUER_URI");
        String issuer =
                configured != null ? configured : "http://127.0.0.1:" + DevSettings.port(env, "KEEL_ISSUER_PORT", 9400);
        String startFix = configured != null
                ? "start that issuer, or correct KEEL_ISSUER_URI"
                : "make run starts it (make token then prints a token); or point KEEL_ISSUER_URI at yours";
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(discovery)
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher named = Pattern.compile("\"issuer\"\\s*:\\s*\"([^\"]+)\"").matcher(answer.body());
            if (answer.statusCode() != 200 || !named.find()) {
                add(
                        "Issuer",
                        Outcome.FAIL,
                        discovery + " answered " + answer.statusCode() + " without an issuer",
                        "check KEEL_ISSUER_URI: it is the issuer's URL, discovery is under /.well-known/ there");
            } else if (!named.group(1).equals(issuer)) {
                add(
                        "Issuer",
                        Outcome.FAIL,
                        issuer + " calls itself " + named.group(1)
                                + ": the application would refuse every token it issues",
                        "set KEEL_ISSUER_URI=" + named.group(1));
            } else {
                add("Issuer", Outcome.OK, issuer + " answers and names itself", "");
            }
        } catch (IOException e) {
            add("Issuer", Outcome.FAIL, "nothing answers at " + issuer, startFix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            add("Issuer", Outcome.FAIL, "interrupted while asking " + issuer, startFix);
        }
    }

    private void checkPsql() {
        Path found = Psql.find(settings.environment()).orElse(null);
        if (found != null) {
            add("psql", Outcome.OK, found + " (make db-psql)", "");
        } else {
            add("psql", Outcome.NOTE, "no psql on the PATH, so make db-psql cannot open a prompt", Psql.INSTALL_HINT);
        }
    }

    /** One line per check, then the failures' fixes; true when nothing failed. */
    public static boolean print(List<Check> checks, PrintWriter out) {
        for (Check check : checks) {
            out.printf(
                    "%-4s  %-11s %s%n",
                    check.outcome() == Outcome.OK ? "ok" : check.outcome() == Outcome.NOTE ? "note" : "FAIL",
                    check.name(),
                    check.detail());
            if (check.outcome() != Outcome.OK && !check.fix().isEmpty()) {
                out.printf("      %-11s fix: %s%n", "", check.fix());
            }
        }
        long failed =
                checks.stream().filter(check -> check.outcome() == Outcome.FAIL).count();
        out.println(
                failed == 0
                        ? "\nThe setup is ready."
                        : "\n" + failed + " check" + (failed == 1 ? "" : "s") + " failed: the fixes are above.");
        out.flush();
        return failed == 0;
    }
}
