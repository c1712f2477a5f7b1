package dev.keel.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.bootstrap.support.IntegrationTest;
import dev.keel.bootstrap.support.Tokens;
import dev.keel.domain.storage.ObjectStorage;
import dev.keel.domain.storage.StorageKey;
import dev.keel.domain.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The application as `make run` starts it, against real PostgreSQL 17 and S3. */
@IntegrationTest
class ApplicationIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectStorage storage;

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", Tokens.ALL_SCOPES)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpWithTheDatabaseAndTheBucketBehindIt() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asString())
                .isEqualTo("UP");
        assertThat(health.path("components")
                        .path("db")
                        .path("details")
                        .path("database")
                        .asString())
                .isEqualTo("PostgreSQL");
        assertThat(health.path("components").path("s3").path("status").asString())
                .isEqualTo("UP");
    }

    @Test
    void livenessAndReadinessProbesAnswer() throws Exception {
        assertThat(JSON.readTree(get("/actuator/health/liveness").body())
                        .path("status")
                        .asString())
                .isEqualTo("UP");
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"db\"", "\"s3\"");
    }

    @Test
    void exposesNoActuatorEndpointButHealth() throws Exception {
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    @Test
    void talksToPostgres17WithTheMigrationsApplied() {
        assertThat(jdbc.queryForObject("SHOW server_version_num", Integer.class))
                .isBetween(170000, 179999);
        assertThat(jdbc.queryForObject(
                        "SELECT success FROM flyway_schema_history WHERE version = '20261122000000'", Boolean.class))
                .isTrue();
    }

    @Test
    void theConventionTriggersKeepUpdatedAtAndRefuseDeletes() {
        String table = "convention_check_" + UUID.randomUUID().toString().replace("-", "");
        jdbc.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, name text, "
                + "updated_at timestamptz NOT NULL DEFAULT '2000-01-01')");
        jdbc.execute("CREATE TRIGGER touch BEFORE UPDATE ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at()");
        jdbc.execute("CREATE TRIGGER no_delete BEFORE DELETE ON " + table
                + " FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete()");
        jdbc.update("INSERT INTO " + table + " (id, name) VALUES (1, 'before')");

        jdbc.update("UPDATE " + table + " SET name = 'after' WHERE id = 1");
        assertThat(jdbc.queryForObject("SELECT updated_at > now() - interval '1 minute' FROM " + table, Boolean.class))
                .isTrue();
        assertThatThrownBy(() -> jdbc.update("DELETE FROM " + table + " WHERE id = 1"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("rows of " + table + " are never deleted");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class))
                .isEqualTo(1);
        jdbc.execute("DROP TABLE " + table);
    }

    @Test
    void theObjectStorageBeanReachesTheBucket() throws Exception {
        StorageKey key = StorageKey.of("integration", UUID.randomUUID().toString());
        byte[] content = "stored through the application context".getBytes(StandardCharsets.UTF_8);

        storage.put(key, new ByteArrayInputStream(content), content.length, "text/plain");

        try (StoredObject object = storage.get(key).orElseThrow()) {
            assertThat(object.content().readAllBytes()).isEqualTo(content);
        }
    }
}
