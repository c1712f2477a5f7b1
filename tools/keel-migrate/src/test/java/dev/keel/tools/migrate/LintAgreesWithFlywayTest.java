package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The checker's transaction rules against Flyway itself on PostgreSQL 17: what lint accepts,
 * keel-migrate up applies, and what lint refuses for its transaction, Flyway or PostgreSQL refuses too.
 */
@ResourceLock(value = ProcessEnvironment.LOCK, mode = ResourceAccessMode.READ)
class LintAgreesWithFlywayTest {

    private static final String VERSION = "V20261201000000__";

    @TempDir
    Path dir;

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of(
                        "concurrent index alone",
                        "-- keel:non-transactional\n"
                                + "CREATE INDEX CONCURRENTLY widget_created_idx ON widget (created_at);\n",
                        null,
                        null),
                Arguments.of(
                        "concurrent drop alone",
                        "-- keel:non-transactional\n" + "DROP INDEX CONCURRENTLY widget_live_id_idx;\n",
                        null,
                        null),
                Arguments.of(
                        "SET before a concurrent index",
                        "-- keel:non-transactional\nSET lock_timeout = '5s';\n"
                                + "CREATE INDEX CONCURRENTLY widget_created_idx ON widget (created_at);\n",
                        null,
                        "mixed-transaction"),
                Arguments.of(
                        "REINDEX CONCURRENTLY without a script config",
                        "-- keel:non-transactional\n" + "REINDEX INDEX CONCURRENTLY widget_pkey;\n",
                        null,
                        "non-transactional-undeclared"),
                Arguments.of(
                        "REINDEX CONCURRENTLY with a script config",
                        "-- keel:non-transactional\n" + "REINDEX INDEX CONCURRENTLY widget_pkey;\n",
                        "executeInTransaction=false\n",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void lintAndFlywayAgree(String name, String sql, String scriptConfig, String lintRule) throws IOException {
        copyShippedMigrations();
        Path file = dir.resolve("migration/" + VERSION + "recipe.sql");
        Files.writeString(file, sql);
        Files.writeString(dir.resolve("undo/U" + VERSION.substring(1) + "recipe.sql"), "SELECT 1;\n");
        if (scriptConfig != null) {
            Files.writeString(file.resolveSibling(file.getFileName() + ".conf"), scriptConfig);
        }
        PostgresEndpoint database = TestServices.newDatabase("keel_agree");

        StringWriter lintOut = new StringWriter();
        int lint = cli(lintOut).execute("lint", "--dir", dir.toString(), "--format", "json");
        StringWriter upOut = new StringWriter();
        int up = cli(upOut)
                .execute(
                        "up",
                        "--dir",
                        dir.toString(),
                        "--url",
                        database.jdbcUrl(),
                        "--user",
                        database.username(),
                        "--password",
                        database.password());

        if (lintRule == null) {
            assertThat(lint).as(lintOut.toString()).isZero();
            assertThat(up).as(upOut.toString()).isZero();
        } else {
            assertThat(lintOut.toString()).contains("\"rule\":\"" + lintRule + "\"");
            assertThat(lint).isEqualTo(1);
            assertThat(up).as("Flyway or PostgreSQL refuses what lint refused").isEqualTo(1);
        }
    }

    private static CommandLine cli(StringWriter out) {
        return KeelMigrate.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(out));
    }

    private void copyShippedMigrations() throws IOException {
        Path shipped = Path.of("../sample/db");
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = dir.resolve(shipped.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }
}
