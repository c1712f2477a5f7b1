package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.Processes;
import dev.keel.tools.devservices.S3Endpoint;
import dev.keel.tools.devservices.db.DatabaseName;
import dev.keel.tools.devservices.run.RunLock;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.devdb.Psql;
import dev.keel.tools.migrate.flyway.ProductionGuardAccess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/**
 * The make db-* targets' commands as a developer runs them: a git checkout, the embedded server
 * started by {@code db start} on a sandbox data directory and port (never the developer's),
 * one database per branch.
 */
@ResourceLock(ProcessEnvironment.LOCK)
class DbCommandTest {

    private static final Path SHIPPED = Path.of("../sample/db").toAbsolutePath();
    private static Path sandbox;
    private static Path project;
    private static int port;
    private static Map<String, String> environment;

    record Run(int exitCode, String out, String err) {}

    @BeforeAll
    static void startTheDevelopmentServer() throws IOException {
        sandbox = Files.createTempDirectory(Path.of("/tmp"), "keel-db-command-test-");
        Files.setPosixFilePermissions(sandbox, PosixFilePermissions.fromString("rwxr-xr-x"));
        project = Files.createDirectories(sandbox.resolve("project"));
        git("init", "-q", "-b", "main");
        Files.writeString(project.resolve("README"), "sandbox\n");
        git("add", "README");
        git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "init");
        port = Ports.freePort();
        environment = new HashMap<>(Map.of(
                "KEEL_DATA_DIR",
                sandbox.resolve("data").toString(),
                "KEEL_PG_PORT",
                Integer.toString(port),
                "KEEL_DOCKER",
                "never",
                "PATH",
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        KeelMigrate.environment = environment;
        KeelMigrate.workingDirectory = project;
        Run start = run("db", "start");
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(start.out()).contains("db-start: about to start embedded PostgreSQL 17", "Started");
    }

    @AfterAll
    static void tearDown() throws IOException {
        try {
            Run teardown = run("db", "teardown");
            assertThat(teardown.exitCode()).as(teardown.err()).isZero();
            assertThat(teardown.out()).contains("db-teardown: about to stop", "Deleted");
            assertThat(sandbox.resolve("data").resolve("postgres")).doesNotExist();
            assertThat(ProcessHandle.allProcesses()
                            .map(process -> process.info().commandLine().orElse(""))
                            .filter(line -> line.contains(sandbox.toString())))
                    .isEmpty();
        } finally {
            KeelMigrate.environment = System.getenv();
            KeelMigrate.workingDirectory = Path.of("");
            Directories.deleteTree(sandbox);
        }
    }

    @AfterEach
    void leaveProduction() {
        ProductionGuardAccess.useEnvironment(System.getenv());
        environment.remove("KEEL_S3_ENDPOINT");
        environment.remove("KEEL_S3_BUCKET");
        environment.remove("KEEL_ISSUER_URI");
    }

    @Test
    void twoBranchesWithDivergingMigrationsAreKeptApart() throws IOException, SQLException {
        Path migrationsA = migrations("a", "CREATE TABLE only_on_a (id int PRIMARY KEY)");
        Path migrationsB = migrations("b", "CREATE TABLE only_on_b (id int PRIMARY KEY)");

        git("checkout", "-q", "-b", "feature/a");
        assertThat(run("up", "--dir", migrationsA.toString()).exitCode()).isZero();
        query("feature/a", "INSERT INTO only_on_a VALUES (1)");
        git("checkout", "-q", "main");
        git("checkout", "-q", "-b", "feature/b");
        Run upB = run("up", "--dir", migrationsB.toString());
        assertThat(upB.exitCode()).as(upB.err()).isZero();
        assertThat(upB.out()).contains("Applied 2 migrations");

        assertThat(tables("feature/a")).contains("only_on_a").doesNotContain("only_on_b");
        assertThat(tables("feature/b")).contains("only_on_b").doesNotContain("only_on_a");

        // Back on feature/a: nothing to re-apply, and its row is where it was left.
        git("checkout", "-q", "feature/a");
        Run status = run("status", "--dir", migrationsA.toString());
        assertThat(status.out()).contains("Pending: 0");
        assertThat(query("feature/a", "SELECT count(*) FROM only_on_a")).isEqualTo("1");

        Run branches = run("db", "branches");
        assertThat(branches.out())
                .containsPattern(DatabaseName.forBranch("feature/a") + "\\s+feature/a\\s+.*current")
                .containsPattern(
                        DatabaseName.forBranch("feature/b") + "\\s+feature/b\\s+\\d+(\\.\\d)? [kM]B\\s+\\d{4}-");

        git("branch", "-q", "-D", "feature/b");
        Run declined = runWithInput("n\n", "db", "prune");
        assertThat(declined.out())
                .contains(
                        "belong to branches that no longer exist",
                        DatabaseName.forBranch("feature/b") + "  (branch feature/b)",
                        "Nothing dropped");
        assertThat(databaseExists(DatabaseName.forBranch("feature/b"))).isTrue();
        Run noAnswer = runWithInput("", "db", "prune");
        assertThat(noAnswer.out()).contains("Nothing dropped", "FORCE=1");

        Run pruned = run("db", "prune", "--force");
        assertThat(pruned.out()).contains("Dropped " + DatabaseName.forBranch("feature/b"));
        assertThat(databaseExists(DatabaseName.forBranch("feature/b"))).isFalse();
        assertThat(databaseExists(DatabaseName.forBranch("feature/a"))).isTrue();
        assertThat(run("db", "prune").out()).contains("Nothing to prune");
    }

    @Test
    void statusWithoutPicocliFindsThisBranchsDatabaseAndRecordsItsUse() throws SQLException {
        git("checkout", "-q", "-B", "quick");
        String[] status = {"status", "--dir", SHIPPED.toString()};
        assertThat(Launcher.status(status, new PrintWriter(new StringWriter())))
                .as("no database yet: the full path creates it")
                .isEmpty();
        assertThat(run("db", "setup", "--dir", SHIPPED.toString()).exitCode()).isZero();
        query(
                "quick",
                "COMMENT ON DATABASE " + DatabaseName.forBranch("quick")
                        + " IS 'keel:last-used=2020-01-01T00:00:00Z;branch=quick'");

        Run whole = run(status);
        StringWriter out = new StringWriter();
        assertThat(Launcher.status(status, new PrintWriter(out)))
                .map(code -> new Run(code, out.toString(), ""))
                .contains(whole);
        assertThat(whole.out()).contains("Pending: 0");
        String mark = query(
                "quick",
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                        + "WHERE datname = current_database()");
        assertThat(mark)
                .startsWith("keel:last-used=20")
                .endsWith(";branch=quick")
                .doesNotContain("2020-01-01");
        assertThat(run("db", "branches").out())
                .containsPattern(DatabaseName.forBranch("quick") + "\\s+quick\\s+.*current");
    }

    @Test
    void wipeDeletesEveryRowAndKeepsTheSchemaAndTheHistory() throws SQLException {
        git("checkout", "-q", "-B", "wipe");
        assertThat(run("db", "setup", "--dir", SHIPPED.toString()).exitCode()).isZero();
        assertThat(query("wipe", "SELECT count(*) FROM widget")).isEqualTo("5");

        Run wipe = run("db", "wipe", "--dir", SHIPPED.toString());
        assertThat(wipe.exitCode()).as(wipe.err()).isZero();
        assertThat(wipe.out())
                .contains(
                        "db-wipe: about to delete every row of 1 table in database " + DatabaseName.forBranch("wipe"),
                        "keeping the schema and the migration history",
                        "public.widget");
        assertThat(query("wipe", "SELECT count(*) FROM widget")).isEqualTo("0");
        assertThat(query("wipe", "SELECT count(*) FROM flyway_schema_history WHERE success"))
                .isEqualTo("2");
        assertThat(run("status", "--dir", SHIPPED.toString()).out()).contains("Pending: 0");
    }

    @Test
    void wipeAsksFirstOnYourOwnServer() throws SQLException {
        git("checkout", "-q", "-B", "own");
        run("db", "setup", "--dir", SHIPPED.toString());
        PostgresEndpoint own = database("own");
        String[] onYourServer = {
            "db",
            "wipe",
            "--dir",
            SHIPPED.toString(),
            "--url",
            own.jdbcUrl(),
            "--user",
            own.username(),
            "--password",
            own.password()
        };

        Run declined = runWithInput("n\n", onYourServer);
        assertThat(declined.out()).contains("This is your own server", "Nothing deleted", "FORCE=1");
        assertThat(query("own", "SELECT count(*) FROM widget")).isEqualTo("5");

        List<String> forced = new ArrayList<>(List.of(onYourServer));
        forced.add("--force");
        Run wiped = run(forced.toArray(String[]::new));
        assertThat(wiped.exitCode()).as(wiped.err()).isZero();
        assertThat(query("own", "SELECT count(*) FROM widget")).isEqualTo("0");
        // Your server is never Keel's to recreate or remove.
        assertThat(run("db", "clean", "--url", own.jdbcUrl()).err()).contains("Keel drops only databases it made");
        assertThat(run("db", "teardown", "--url", own.jdbcUrl()).err()).contains("Keel never removes it");
    }

    @Test
    void cleanDropsAndRecreatesThenMigratesAndWaitsForMakeRun() throws IOException, SQLException {
        git("checkout", "-q", "-B", "clean");
        run("db", "setup", "--dir", SHIPPED.toString());
        query("clean", "CREATE TABLE stray (id int)");

        try (RunLock lock = RunLock.tryAcquire(sandbox.resolve("data"), "http://127.0.0.1:1")
                .orElseThrow()) {
            for (String command : List.of("clean", "reset", "stop", "teardown")) {
                Run refused = run("db", command, "--dir", SHIPPED.toString());
                assertThat(refused.exitCode()).as(command).isEqualTo(1);
                assertThat(refused.err()).as(command).contains("make run is using this server", "Ctrl-C");
            }
        }
        assertThat(tables("clean")).contains("stray");

        Run clean = run("db", "clean", "--dir", SHIPPED.toString());
        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out())
                .contains(
                        "db-clean: about to drop and recreate database " + DatabaseName.forBranch("clean"),
                        "applying 20261122000100",
                        "Clean:");
        assertThat(tables("clean")).contains("widget").doesNotContain("stray");
        assertThat(query("clean", "SELECT count(*) FROM widget")).isEqualTo("0");
    }

    @Test
    void seedsRunTwiceGiveTheSameDataAndResetStartsOver() throws SQLException {
        git("checkout", "-q", "-B", "seeds");
        Run first = run("db", "setup", "--dir", SHIPPED.toString());
        assertThat(first.out()).contains("Seeded essentials", "Seeded demo: 1 file, 2 statements, 5 rows");
        String rows = query("seeds", "SELECT string_agg(w::text, E'\\n' ORDER BY id) FROM widget w");

        Run again = run("db", "setup", "--dir", SHIPPED.toString());
        assertThat(again.out()).contains("Nothing to apply", "Seeded demo: 1 file, 2 statements, 0 rows");
        Run demoAgain = run("db", "seed", "demo", "--dir", SHIPPED.toString());
        assertThat(demoAgain.exitCode()).isZero();
        assertThat(query("seeds", "SELECT string_agg(w::text, E'\\n' ORDER BY id) FROM widget w"))
                .isEqualTo(rows);

        query("seeds", "INSERT INTO widget (id, name, status) VALUES (gen_random_uuid(), 'mine', 'DRAFT')");
        Run reset = run("db", "reset", "--dir", SHIPPED.toString());
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        assertThat(reset.out())
                .contains("db-reset: about to drop and recreate", "Seeded demo: 1 file, 2 statements, 5 rows");
        assertThat(query("seeds", "SELECT count(*) FROM widget WHERE name = 'mine'"))
                .isEqualTo("0");
        assertThat(query("seeds", "SELECT count(*) FROM widget")).isEqualTo("5");
    }

    @Test
    void seedsWaitForPendingMigrations() {
        git("checkout", "-q", "-B", "unmigrated");
        Run seed = run("db", "seed", "essentials", "--dir", SHIPPED.toString());
        assertThat(seed.exitCode()).isEqualTo(1);
        assertThat(seed.err()).contains("2 migrations are pending", "make migrate-up first");
    }

    @Test
    void everyTargetThatDeletesOrInventsDataRefusesProduction() {
        git("checkout", "-q", "-B", "production");
        ProductionGuardAccess.useEnvironment(Map.of("KEEL_ENV", "production"));
        for (List<String> command : List.of(
                List.of("db", "clean"),
                List.of("db", "wipe"),
                List.of("db", "teardown"),
                List.of("db", "prune", "--force"),
                List.of("db", "seed", "demo"),
                List.of("db", "setup"),
                List.of("db", "reset"))) {
            List<String> arguments = new ArrayList<>(command);
            arguments.addAll(List.of("--dir", SHIPPED.toString()));
            Run refused = run(arguments.toArray(String[]::new));
            assertThat(refused.exitCode()).as(command.toString()).isEqualTo(1);
            assertThat(refused.err()).as(command.toString()).contains("in production");
        }
        Run essentials = run("db", "seed", "essentials", "--dir", SHIPPED.toString());
        assertThat(essentials.err())
                .contains("Refusing 'init-prod' on a production database", "CONFIRM_PRODUCTION_MIGRATION=yes");
        // The server and its databases are all still there.
        assertThat(run("db", "branches").exitCode()).isZero();

        // Confirmed, production gets its essentials, and still never the demo data.
        ProductionGuardAccess.useEnvironment(Map.of("KEEL_ENV", "production", "CONFIRM_PRODUCTION_MIGRATION", "yes"));
        assertThat(run("up", "--dir", SHIPPED.toString()).exitCode()).isZero();
        Run confirmed = run("db", "seed", "essentials", "--dir", SHIPPED.toString());
        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).contains("Seeded essentials");
        assertThat(run("db", "seed", "demo", "--dir", SHIPPED.toString()).err()).contains("in production");
    }

    @Test
    void psqlSettingsPointPsqlAtThisBranchsDatabase() throws IOException {
        git("checkout", "-q", "-B", "psql");
        Run settings = run("db", "settings", "--for", "psql");
        Optional<Path> psql = Psql.find(environment);
        if (psql.isEmpty()) {
            // A laptop without the client: the target says how to get it.
            assertThat(settings.err()).contains("no psql on the PATH", "postgresql-client");
            return;
        }
        assertThat(settings.out()).contains("PGDATABASE='" + DatabaseName.forBranch("psql") + "'", "PGPORT=" + port);
        Path script = sandbox.resolve("psql.sh");
        Files.writeString(script, settings.out() + "exec " + psql.get() + " -X -A -t -c 'SELECT current_database()'\n");
        Processes.Result result = Processes.run(List.of("sh", script.toString()), Duration.ofSeconds(30));
        assertThat(result.output()).as(result.output()).isEqualTo(DatabaseName.forBranch("psql"));

        Run spring = run("db", "settings", "--for", "spring");
        assertThat(spring.out())
                .contains("SPRING_DATASOURCE_URL='jdbc:postgresql://127.0.0.1:" + port + "/"
                        + DatabaseName.forBranch("psql") + "'");
    }

    @Test
    void verifySetupNamesEachFailingCheckWithItsFix() {
        git("checkout", "-q", "-B", "doctor");
        S3Endpoint s3 = TestServices.s3();
        environment.putAll(Map.of(
                "KEEL_S3_ENDPOINT",
                s3.endpoint().toString(),
                "KEEL_S3_REGION",
                s3.region(),
                "KEEL_S3_ACCESS_KEY",
                s3.accessKey(),
                "KEEL_S3_SECRET_KEY",
                s3.secretKey(),
                "KEEL_S3_BUCKET",
                s3.bucket()));
        String issuer = TestServices.issuer().endpoint().issuer().toString();
        environment.put("KEEL_ISSUER_URI", issuer);

        Run pending = run("verify-setup", "--dir", SHIPPED.toString());
        assertThat(pending.exitCode()).isEqualTo(1);
        assertThat(pending.out())
                .containsPattern("ok\\s+JDK\\s+Java \\d+")
                .containsPattern("note\\s+Docker\\s+KEEL_DOCKER=never")
                .containsPattern("ok\\s+PostgreSQL\\s+PostgreSQL 17\\.")
                .containsPattern("ok\\s+Database\\s+" + DatabaseName.forBranch("doctor"))
                .containsPattern("FAIL\\s+Migrations\\s+at an empty schema, 2 pending")
                .contains("fix: make migrate-up")
                .containsPattern("ok\\s+S3\\s+" + s3.endpoint())
                .containsPattern("ok\\s+Issuer\\s+" + issuer + " answers")
                .contains("1 check failed");

        run("up", "--dir", SHIPPED.toString());
        Run ready = run("verify-setup", "--dir", SHIPPED.toString());
        assertThat(ready.exitCode()).as(ready.out()).isZero();
        assertThat(ready.out()).contains("The setup is ready.");

        environment.put("KEEL_S3_BUCKET", "no-such-bucket");
        Run noBucket = run("verify-setup", "--dir", SHIPPED.toString());
        assertThat(noBucket.exitCode()).isEqualTo(1);
        assertThat(noBucket.out()).contains("the bucket does not exist", "fix: create bucket no-such-bucket");

        environment.put("KEEL_S3_ENDPOINT", "http://127.0.0.1:" + Ports.freePort());
        assertThat(run("verify-setup", "--dir", SHIPPED.toString()).out())
                .contains("nothing answers at", "correct KEEL_S3_ENDPOINT");

        // The issuer answers by another name than the one configured: every token would be refused.
        environment.put("KEEL_ISSUER_URI", issuer.replace("127.0.0.1", "localhost"));
        assertThat(run("verify-setup", "--dir", SHIPPED.toString()).out())
                .contains("calls itself " + issuer, "fix: set KEEL_ISSUER_URI=" + issuer);
        environment.put("KEEL_ISSUER_URI", "http://127.0.0.1:" + Ports.freePort());
        assertThat(run("verify-setup", "--dir", SHIPPED.toString()).out())
                .containsPattern("FAIL\\s+Issuer\\s+nothing answers at")
                .contains("correct KEEL_ISSUER_URI");
    }

    @Test
    void aStoppedServerIsAClearErrorAndStartingItAgainFindsTheData() throws SQLException {
        git("checkout", "-q", "-B", "restart");
        run("up", "--dir", SHIPPED.toString());
        query("restart", "INSERT INTO widget (id, name, status) VALUES (gen_random_uuid(), 'survivor', 'DRAFT')");

        Run stop = run("db", "stop");
        assertThat(stop.out()).contains("db-stop: about to stop", "its data stays");
        Run status = run("status", "--dir", SHIPPED.toString());
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).contains("PostgreSQL is not running", "Fix: make db-start");

        assertThat(run("db", "start").out()).contains("Started");
        assertThat(query("restart", "SELECT name FROM widget")).isEqualTo("survivor");
    }

    private static Path migrations(String branch, String secondMigration) throws IOException {
        Path dir = sandbox.resolve("migrations-" + branch);
        Files.createDirectories(dir.resolve("migration"));
        Files.createDirectories(dir.resolve("undo"));
        Files.writeString(dir.resolve("migration/V1__shared.sql"), "CREATE TABLE shared (id int PRIMARY KEY);\n");
        Files.writeString(dir.resolve("undo/U1__shared.sql"), "DROP TABLE shared;\n");
        Files.writeString(dir.resolve("migration/V2__" + branch + ".sql"), secondMigration + ";\n");
        Files.writeString(dir.resolve("undo/U2__" + branch + ".sql"), "DROP TABLE only_on_" + branch + ";\n");
        return dir;
    }

    private static PostgresEndpoint database(String branch) {
        return new PostgresEndpoint("127.0.0.1", port, DatabaseName.forBranch(branch), "keel", "keel");
    }

    private static String query(String branch, String sql) throws SQLException {
        try (Connection connection = database(branch).connect();
                Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return null;
            }
            try (ResultSet rows = statement.getResultSet()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static List<String> tables(String branch) throws SQLException {
        String list = query(branch, "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'");
        return list == null ? List.of() : List.of(list.split(","));
    }

    private static boolean databaseExists(String name) throws SQLException {
        PostgresEndpoint admin = new PostgresEndpoint("127.0.0.1", port, "postgres", "postgres", "");
        return admin.queryForString("SELECT 1 FROM pg_database WHERE datname = '" + name + "'") != null;
    }

    private static Run run(String... args) {
        return runWithInput(null, args);
    }

    private static Run runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = KeelMigrate.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        InputStream stdin = System.in;
        if (input != null) {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            int code = commandLine.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setIn(stdin);
        }
    }

    private static void git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", project.toString()));
        command.addAll(List.of(arguments));
        Processes.Result result = Processes.run(command, Duration.ofSeconds(30));
        assertThat(result.succeeded()).as(result.output()).isTrue();
    }
}
