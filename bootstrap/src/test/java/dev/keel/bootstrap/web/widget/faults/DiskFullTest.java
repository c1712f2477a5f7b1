package dev.keel.bootstrap.web.widget.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.postgres.LocalPostgres;
import dev.keel.tools.devservices.postgres.ServerUser;
import dev.keel.tools.devservices.test.SmallFilesystem;
import dev.keel.tools.devservices.test.TestServices;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The database's disk full under the application (a small tmpfs under a server of this test's own): a write is
 * answered 503 with a problem detail and leaves nothing, reads go on, and once space is freed writes succeed again
 * without a restart of either.
 */
@Timeout(value = 100, unit = TimeUnit.SECONDS)
class DiskFullTest {

    private static final Duration BOUND = Duration.ofSeconds(20);

    private static SmallFilesystem disk;
    private static LocalPostgres postgres;
    private static PostgresEndpoint database;
    private static DedicatedKeel keel;

    @BeforeAll
    static void startOnASmallDisk() throws Exception {
        assumeThat(SmallFilesystem.available())
                .as("mounting a tmpfs needs root, as CI runs")
                .isTrue();
        disk = SmallFilesystem.mount(160);
        postgres = LocalPostgres.start(disk.root().resolve("postgres"), Ports.freePort(), ServerUser.detect());
        database = postgres.ensureDatabase("keel_disk_full", "keel", "keel");
        keel = DedicatedKeel.start(database, TestServices.s3(), Map.of());
    }

    @AfterAll
    static void stopAndUnmount() throws Exception {
        if (keel != null) {
            keel.close();
        }
        if (disk != null) {
            disk.free(); // a server cannot write its shutdown checkpoint on a full disk
        }
        if (postgres != null) {
            postgres.close();
        }
        if (disk != null) {
            disk.close();
        }
    }

    @Test
    void aWriteOnAFullDiskIs503AndLeavesNothingReadsGoOnAndWritesComeBackWhenSpaceIsFreed() throws Exception {
        List<String> created = new ArrayList<>();
        String firstId = null;
        for (int n = 0; n < 20; n++) {
            HttpResponse<String> answer = create("before-" + n);
            assertThat(answer.statusCode()).isEqualTo(201);
            created.add("before-" + n);
            firstId = firstId == null ? Http.json(answer).path("id").asString() : firstId;
        }

        disk.fillLeaving(0);
        HttpResponse<String> refused = null;
        String refusedName = null;
        for (int n = 0; n < 5_000 && refused == null; n++) {
            HttpResponse<String> answer = create("full-" + n);
            if (answer.statusCode() == 201) {
                created.add("full-" + n); // there was room left in a page
            } else {
                refused = answer;
                refusedName = "full-" + n;
            }
        }
        assertThat(refused).as("a write refused within 5,000 creates").isNotNull();
        System.out.printf("disk full: %d widgets created, then %s%n", created.size(), refused.body());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(Http.json(refused).path("type").asString()).isEqualTo("https://keel.dev/problems/unavailable");
        assertThat(refused.body()).doesNotContain("No space", "extend file", "SQL", "Exception");

        assertThat(Http.get(keel.uri("/api/widgets/" + firstId)).statusCode())
                .as("a read while the disk is full")
                .isEqualTo(200);
        assertThat(Http.get(keel.uri("/api/widgets?limit=5")).statusCode()).isEqualTo(200);

        disk.free();
        Await.until("a create succeeds again once space is freed", BOUND, () -> {
            String name = "after-" + System.nanoTime();
            boolean ok = create(name).statusCode() == 201;
            if (ok) {
                created.add(name);
            }
            return ok;
        });

        Map<String, Integer> rows = rowsPerName();
        assertThat(rows).as("the refused create left nothing").doesNotContainKey(refusedName);
        assertThat(rows.keySet()).as("every 201 is in the database").containsAll(created);
        assertThat(rows.values()).as("none twice").allSatisfy(count -> assertThat(count)
                .isEqualTo(1));
    }

    private static HttpResponse<String> create(String name) throws Exception {
        return Http.postJson(keel.uri("/api/widgets"), "{\"name\":\"" + name + "\"}");
    }

    private static Map<String, Integer> rowsPerName() throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT name, count(*) FROM widget GROUP BY name")) {
            while (result.next()) {
                rows.put(result.getString(1), result.getInt(2));
            }
        }
        return rows;
    }
}
