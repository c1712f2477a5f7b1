package dev.keel.tools.devservices.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.PostgresEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalPostgresTest {

    private Path home;

    @BeforeEach
    void createHome() throws IOException {
        // Under /tmp, not the 0700 home of root, so the unprivileged fallback can reach it too.
        Path parent = Files.createTempDirectory(Path.of("/tmp"), "keel-local-postgres-test-");
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        home = parent.resolve("postgres");
    }

    @AfterEach
    void deleteHome() throws IOException {
        Directories.deleteTree(home.getParent());
    }

    @Test
    void keepsItsDataAcrossRestarts() throws SQLException {
        int port = Ports.freePort();
        try (LocalPostgres first = LocalPostgres.start(home, port, ServerUser.detect("auto"))) {
            assertThat(first.notices()).anyMatch(notice -> notice.contains("created a new PostgreSQL 17 cluster"));
            PostgresEndpoint keel = first.ensureDatabase("keel", "keel", "keel");
            keel.execute("CREATE TABLE survivor (name text)", "INSERT INTO survivor VALUES ('still here')");
        }
        try (LocalPostgres second = LocalPostgres.start(home, port, ServerUser.detect("auto"))) {
            assertThat(second.notices()).noneMatch(notice -> notice.contains("created"));
            PostgresEndpoint keel = second.ensureDatabase("keel", "keel", "keel");
            assertThat(keel.queryForString("SELECT name FROM survivor")).isEqualTo("still here");
            assertThat(second.serverVersion()).startsWith("17.");
        }
    }

    @Test
    void aThrowawayServerSyncsNothingAndIsDiscardedAtOnce() throws SQLException {
        LocalPostgres throwaway = LocalPostgres.startThrowaway(home, Ports.freePort(), ServerUser.detect("auto"));
        try {
            PostgresEndpoint superuser = throwaway.superuser();
            assertThat(superuser.queryForString("SHOW fsync")).isEqualTo("off");
            assertThat(superuser.queryForString("SHOW synchronous_commit")).isEqualTo("off");
        } finally {
            throwaway.discard();
        }
        assertThat(LocalPostgres.runningOn(home)).isFalse();
    }

    @Test
    void aKeptServerSyncs() throws SQLException {
        try (LocalPostgres kept = LocalPostgres.start(home, Ports.freePort(), ServerUser.detect("auto"))) {
            assertThat(kept.superuser().queryForString("SHOW fsync")).isEqualTo("on");
        }
    }

    @Test
    void asRootRunsInAUserNamespaceByDefault() {
        ServerUser user = ServerUser.detect("auto");
        if (ServerUser.isRoot()) {
            assertThat(user.mode()).isIn(ServerUser.Mode.USER_NAMESPACE, ServerUser.Mode.UNPRIVILEGED_USER);
            assertThat(user.wrap(java.util.List.of("postgres")).getFirst()).isIn("unshare", "setpriv");
        } else {
            assertThat(user.mode()).isEqualTo(ServerUser.Mode.CURRENT_USER);
            assertThat(user.wrap(java.util.List.of("postgres"))).containsExactly("postgres");
        }
    }

    @Test
    void theUnprivilegedUserFallbackRunsTheServerAsNobody() throws Exception {
        if (!ServerUser.isRoot()) {
            // Only root can switch to nobody; a normal user is told so plainly.
            assertThatThrownBy(() -> ServerUser.detect("nobody"))
                    .isInstanceOf(DevServiceException.class)
                    .hasMessageContaining("needs root");
            return;
        }
        ServerUser nobody = ServerUser.detect("nobody");
        try (LocalPostgres postgres = LocalPostgres.start(home, Ports.freePort(), nobody)) {
            long pid =
                    Long.parseLong(Files.readAllLines(postgres.dataDirectory().resolve("postmaster.pid"))
                            .getFirst());
            assertThat(Files.getOwner(Path.of("/proc", Long.toString(pid))).getName())
                    .isEqualTo("nobody");
            assertThat(Files.getOwner(postgres.dataDirectory()).getName()).isEqualTo("nobody");
            PostgresEndpoint keel = postgres.ensureDatabase("keel", "keel", "keel");
            assertThat(keel.queryForString("SELECT current_database()")).isEqualTo("keel");
        }
    }

    @Test
    void refusesADirectoryThatIsNotAClusterAndLeavesItAlone() throws IOException {
        Path dataDirectory = Files.createDirectories(home.resolve("data"));
        Path precious = Files.writeString(dataDirectory.resolve("notes.txt"), "not a database");

        assertThatThrownBy(() -> LocalPostgres.start(home, Ports.freePort(), ServerUser.detect("auto")))
                .isInstanceOf(DevServiceException.class)
                .hasMessageContaining("not a PostgreSQL data directory")
                .hasMessageContaining("mv " + dataDirectory);
        assertThat(precious).hasContent("not a database");
    }

    @Test
    void namesTheSettingWhenItsPortIsTaken() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> LocalPostgres.start(home, squatter.getLocalPort(), ServerUser.detect("auto")))
                    .isInstanceOf(DevServiceException.class)
                    .hasMessageContaining("Port " + squatter.getLocalPort())
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("KEEL_PG_PORT");
        }
    }

    @Test
    void stopsAServerThatACrashedRunLeftBehind() throws SQLException {
        int port = Ports.freePort();
        LocalPostgres crashed = LocalPostgres.start(home, port, ServerUser.detect("auto"));
        crashed.ensureDatabase("keel", "keel", "keel").execute("CREATE TABLE kept (id int)");
        // The crashed run never calls close(); the next start on the same directory must cope.
        try (LocalPostgres next = LocalPostgres.start(home, port, ServerUser.detect("auto"))) {
            assertThat(next.notices()).anyMatch(notice -> notice.contains("left running by an earlier run"));
            assertThat(next.ensureDatabase("keel", "keel", "keel").queryForString("SELECT count(*) FROM kept"))
                    .isEqualTo("0");
        }
    }
}
