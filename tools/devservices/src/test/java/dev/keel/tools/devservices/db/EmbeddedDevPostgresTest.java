package dev.keel.tools.devservices.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.PostgresEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The development server's lifecycle on a sandbox data directory and port, never the developer's. */
class EmbeddedDevPostgresTest {

    private Path sandbox;
    private DevSettings settings;

    @BeforeEach
    void sandbox() throws IOException {
        // Under /tmp and world-searchable, so the run-as-nobody fallback reaches it too.
        sandbox = Files.createTempDirectory(Path.of("/tmp"), "keel-dev-postgres-test-");
        Files.setPosixFilePermissions(sandbox, PosixFilePermissions.fromString("rwxr-xr-x"));
        settings = DevSettings.from(
                Map.of(
                        "KEEL_DATA_DIR",
                        sandbox.resolve("data").toString(),
                        "KEEL_PG_PORT",
                        Integer.toString(Ports.freePort()),
                        "KEEL_DOCKER",
                        "never"),
                sandbox);
    }

    @AfterEach
    void removeSandbox() throws IOException {
        EmbeddedDevPostgres.of(settings).teardown();
        Directories.deleteTree(sandbox);
    }

    @Test
    void startKeepsItRunningStopKeepsTheDataTeardownLeavesNothing() throws SQLException {
        EmbeddedDevPostgres server = (EmbeddedDevPostgres) DevPostgres.locate(settings);
        assertThat(server.running()).isFalse();

        assertThat(server.start()).contains("Started");
        assertThat(server.running()).isTrue();
        assertThat(server.kept()).isTrue();
        assertThat(DevPostgres.locate(settings)).isEqualTo(server);
        assertThat(server.start()).contains("already running");

        DatabaseName name = new DatabaseName("keel_lifecycle", Optional.of("lifecycle"), "test");
        DevDatabase database = new DevDatabase(server, name);
        DevDatabase.Login login = database.open();
        assertThat(login.created()).isTrue();
        PostgresEndpoint endpoint = server.login("keel_lifecycle");
        endpoint.execute("CREATE TABLE survivor (name text)", "INSERT INTO survivor VALUES ('kept')");

        assertThat(server.stop()).contains("Stopped");
        assertThat(server.running()).isFalse();
        assertThat(server.stop()).contains("was not running");

        server.start();
        assertThat(database.open().created()).isFalse();
        assertThat(endpoint.queryForString("SELECT name FROM survivor")).isEqualTo("kept");

        assertThat(server.teardownScope()).contains("delete " + server.root());
        server.teardown();
        assertThat(server.running()).isFalse();
        assertThat(server.root()).doesNotExist();
        assertThat(ProcessHandle.allProcesses()
                        .map(process -> process.info().commandLine().orElse(""))
                        .filter(line -> line.contains(server.home().toString())))
                .isEmpty();
    }

    @Test
    void databasesCarryTheirBranchAndLastUse() {
        EmbeddedDevPostgres server = EmbeddedDevPostgres.of(settings);
        server.start();
        ServerDatabases databases = new ServerDatabases(server.admin());
        DatabaseName feature = new DatabaseName(DatabaseName.forBranch("feature/x"), Optional.of("feature/x"), "test");
        DatabaseName fixed = new DatabaseName("keel", Optional.empty(), "test");
        assertThat(databases.ensure(feature, DevSettings.USERNAME, DevSettings.PASSWORD))
                .isTrue();
        assertThat(databases.ensure(feature, DevSettings.USERNAME, DevSettings.PASSWORD))
                .isFalse();
        databases.ensure(fixed, DevSettings.USERNAME, DevSettings.PASSWORD);

        assertThat(databases.list())
                .extracting(ServerDatabases.DevDatabaseInfo::name)
                .containsExactly("keel", feature.name());
        ServerDatabases.DevDatabaseInfo listed = databases.list().get(1);
        assertThat(listed.branch()).contains("feature/x");
        assertThat(listed.keelMade()).isTrue();
        assertThat(listed.lastUsed()).isPresent();
        assertThat(listed.sizeBytes()).isPositive();
        assertThat(databases.list().getFirst().branch()).isEmpty();

        databases.drop(feature.name());
        assertThat(databases.exists(feature.name())).isFalse();
        assertThat(databases.exists("keel")).isTrue();
    }
}
