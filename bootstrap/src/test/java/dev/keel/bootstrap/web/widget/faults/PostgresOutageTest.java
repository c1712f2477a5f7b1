package dev.keel.bootstrap.web.widget.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.web.widget.faults.WidgetLoad.Answer;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.postgres.LocalPostgres;
import dev.keel.tools.devservices.postgres.ServerUser;
import dev.keel.tools.devservices.test.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL stopped and started again under load, on a server of this test's own (same data
 * directory, same port): 503 problem details meanwhile, never a 500, readiness DOWN then UP, the
 * same Hikari pool serving again without an application restart, and no widget written twice.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class PostgresOutageTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String NAMES = "outage";

    private static Path home;
    private static int port;
    private static LocalPostgres postgres;
    private static PostgresEndpoint database;
    private static DedicatedKeel keel;

    @BeforeAll
    static void startAServerThisTestMayStop() throws Exception {
        home = Directories.newScratchDirectory("keel-postgres-outage-");
        port = Ports.freePort();
        postgres = LocalPostgres.startThrowaway(home, port, ServerUser.detect());
        database = postgres.ensureDatabase("keel_outage", "keel", "keel");
        keel = DedicatedKeel.start(database, TestServices.s3(), Map.of());
    }

    @AfterAll
    static void stopIt() throws Exception {
        if (keel != null) {
            keel.close();
        }
        if (postgres != null) {
            postgres.discard();
        }
        Directories.deleteTree(home);
    }

    @Test
    void aRestartUnderLoadGives503sThenServesAgainWithNothingWrittenTwice() throws Exception {
        WidgetLoad load = WidgetLoad.start(keel, 4, NAMES);
        long stoppedAt;
        long restartedAt;
        Duration readinessDown;
        Duration readinessUp;
        try (load) {
            Await.until("20 widgets created before the outage", BOUND, () -> created(load) >= 20);

            stoppedAt = System.nanoTime();
            postgres.close(); // a fast shutdown: open connections are cut, as in a restart or failover
            readinessDown = Await.until("readiness DOWN", BOUND, () -> readiness() == 503);
            Await.until(
                    "8 requests answered 503 during the outage", BOUND, () -> load.count(a -> a.status() == 503) >= 8);

            postgres = LocalPostgres.startThrowaway(home, port, ServerUser.detect());
            restartedAt = System.nanoTime();
            readinessUp = Await.until("readiness UP again", BOUND, () -> readiness() == 200);
            long before = created(load);
            Await.until("20 more widgets created after the restart", BOUND, () -> created(load) >= before + 20);
        }
        System.out.printf(
                "PostgreSQL outage %d ms: readiness DOWN %d ms after the stop, UP %d ms after the restart; %d answers, "
                        + "%d of them 503%n",
                Duration.ofNanos(restartedAt - stoppedAt).toMillis(),
                readinessDown.toMillis(),
                readinessUp.toMillis(),
                load.answers().size(),
                load.count(a -> a.status() == 503));

        assertThat(load.answers())
                .as("every answer is a success or a 503, never a 500 nor no answer at all")
                .allSatisfy(answer -> assertThat(answer.status()).isIn(200, 201, 503));
        assertThat(load.answers().stream().filter(answer -> answer.status() == 503))
                .allSatisfy(answer -> {
                    assertThat(answer.isProblem()).isTrue();
                    assertThat(answer.type()).isEqualTo("https://keel.dev/problems/unavailable");
                    assertThat(answer.retryAfter()).isEqualTo("5");
                    assertThat(answer.at()).isBetween(stoppedAt, restartedAt + BOUND.toNanos());
                });

        Map<String, Integer> rows = rowsPerName();
        Set<String> created = load.answers().stream()
                .filter(answer -> answer.status() == 201)
                .map(Answer::name)
                .collect(Collectors.toSet());
        assertThat(rows.values()).as("no widget written twice").allSatisfy(count -> assertThat(count)
                .isEqualTo(1));
        assertThat(rows.keySet()).as("every 201 is in the database").containsAll(created);
    }

    private static Map<String, Integer> rowsPerName() throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT name, count(*) FROM widget WHERE name LIKE '" + NAMES + "-%' GROUP BY name")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getInt(2));
            }
        }
        return rows;
    }

    private static long created(WidgetLoad load) {
        return load.count(answer -> answer.status() == 201);
    }

    private static int readiness() throws Exception {
        return Http.get(keel.uri("/actuator/health/readiness")).statusCode();
    }
}
