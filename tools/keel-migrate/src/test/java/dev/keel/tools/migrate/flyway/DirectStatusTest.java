package dev.keel.tools.migrate.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status read without Flyway reports exactly what Flyway's info, as Keel runs it, reports: over
 * histories with pending, applied, changed, missing, future and failed migrations, Keel's own applied
 * out of order and a team's, files Flyway has to decode with care; and it leaves to Flyway what it
 * does not read. On a real PostgreSQL 17, a database of each test's own.
 */
class DirectStatusTest {

    @TempDir
    Path dir;

    private Database database;
    private PostgresEndpoint endpoint;
    private MigrationFiles files;

    @BeforeEach
    void aDatabaseAndThreemigrations() throws IOException {
        endpoint = TestServices.newDatabase("direct_status");
        database = new Database(endpoint.jdbcUrl(), endpoint.username(), endpoint.password());
        files = new MigrationFiles(dir);
        Files.createDirectories(dir.resolve("migration"));
        Files.createDirectories(dir.resolve("undo"));
        pair("20261122000000", "keel_conventions", "CREATE TABLE keel_note (id bigint PRIMARY KEY);\n");
        pair("20261123101500", "create_gadget", "CREATE TABLE gadget (id bigint PRIMARY KEY);\n");
        // Flyway reads lines: CRLF, a lone CR, a byte-order mark, non-ASCII text and no final line break.
        write(
                "migration/V20261124101500__odd_bytes.sql",
                "\uFEFF-- caf\u00e9\r\nCREATE TABLE odd (id bigint PRIMARY KEY);\r-- \u2603 last line");
        write("undo/U20261124101500__odd_bytes.sql", "DROP TABLE odd;\n");
    }

    @Test
    void anEmptyDatabaseHasEverythingPending() {
        assertSameReport();
        assertThat(migrations().status().pending()).isEqualTo(3);
    }

    @Test
    void appliedPartlyAppliedAndAppliedAll() {
        migrations().upQuietly("20261123101500");
        assertSameReport();
        migrations().upQuietly(null);
        assertSameReport();
        assertThat(migrations().status().migrations())
                .allSatisfy(row -> assertThat(row.checksum()).isEqualTo("ok"));
    }

    @Test
    void changedFilesIncludingALineBreakChange() throws IOException {
        migrations().upQuietly(null);
        write("migration/V20261123101500__create_gadget.sql", "CREATE TABLE gadget (id bigint PRIMARY KEY);\r\n");
        assertSameReport(); // the same lines: Flyway's checksum ignores how lines end
        write("migration/V20261123101500__create_gadget.sql", "CREATE TABLE gadget (id int PRIMARY KEY);\n");
        Path odd = dir.resolve("migration/V20261124101500__odd_bytes.sql");
        Files.writeString(odd, Files.readString(odd) + "\n");
        assertSameReport();
        assertThat(migrations().status().migrations())
                .anySatisfy(row -> assertThat(row.checksum()).isEqualTo("changed"));
    }

    @Test
    void missingAndFutureFilesAndANullChecksum() throws IOException, SQLException {
        migrations().upQuietly(null);
        Files.delete(dir.resolve("migration/V20261123101500__create_gadget.sql"));
        assertSameReport();
        Files.delete(dir.resolve("migration/V20261124101500__odd_bytes.sql"));
        assertSameReport(); // now the newest applied is newer than every file: Flyway's "future"
        endpoint.execute("UPDATE flyway_schema_history SET checksum = NULL WHERE version = '20261122000000'");
        assertSameReport();
    }

    @Test
    void failedMigrationsWithAndWithoutTheirFile() throws IOException, SQLException {
        migrations().upQuietly(null);
        endpoint.execute("UPDATE flyway_schema_history SET success = false WHERE version = '20261124101500'");
        assertSameReport();
        Files.delete(dir.resolve("migration/V20261124101500__odd_bytes.sql"));
        assertSameReport();
        endpoint.execute("UPDATE flyway_schema_history SET success = false WHERE version = '20261122000000'");
        Files.delete(dir.resolve("migration/V20261122000000__keel_conventions.sql"));
        assertSameReport();
    }

    @Test
    void keelsMigrationBehindTheNewestIsPendingThenAppliedAndATeamsAppliedOutOfOrderIsSaid() throws IOException {
        migrations().upQuietly(null);
        pair("20261123000000", "keel_audit", "CREATE TABLE keel_audit (id bigint PRIMARY KEY);\n");
        assertSameReport();
        migrations().upQuietly(null);
        assertSameReport();
        pair("20261123201500", "team_late", "CREATE TABLE team_late (id bigint PRIMARY KEY);\n");
        Flyway.configure()
                .configuration(migrations().flyway(null).getConfiguration())
                .outOfOrder(true)
                .load()
                .migrate();
        assertSameReport();
        assertThat(migrations().status().migrations())
                .anySatisfy(row -> assertThat(row.state()).isEqualTo("out of order"));
    }

    @Test
    void anotherHistoryTableAndPlaceholders() throws IOException {
        write("flyway.properties", "flyway.table=keel_history\nflyway.placeholders.owner=keel\n");
        migrations().upQuietly("20261122000000");
        assertSameReport();
    }

    @Test
    void whatItDoesNotReadIsLeftToFlyway() throws IOException, SQLException {
        migrations().upQuietly(null);
        pair("20261123111500", "team_behind", "SELECT 1;\n");
        assertThat(DirectStatus.read(database, files)).isEmpty(); // Flyway ignores it, among the applied
        Files.delete(dir.resolve("migration/V20261123111500__team_behind.sql"));
        assertThat(DirectStatus.read(database, files)).isPresent();

        write("migration/R__view.sql", "SELECT 1;\n");
        assertThat(DirectStatus.read(database, files)).isEmpty();
        Files.delete(dir.resolve("migration/R__view.sql"));
        write("migration/V20261124101500__odd_bytes.sql.conf", "executeInTransaction=true\n");
        assertThat(DirectStatus.read(database, files)).isEmpty();
        Files.delete(dir.resolve("migration/V20261124101500__odd_bytes.sql.conf"));
        Files.createDirectories(dir.resolve("migration/more"));
        assertThat(DirectStatus.read(database, files)).isEmpty();
        Files.delete(dir.resolve("migration/more"));
        Files.write(dir.resolve("migration/V20261125101500__latin1.sql"), new byte[] {'-', '-', ' ', (byte) 0xe9});
        assertThat(DirectStatus.read(database, files)).isEmpty();
        Files.delete(dir.resolve("migration/V20261125101500__latin1.sql"));
        write("flyway.properties", "flyway.initSql=SET search_path TO elsewhere\n");
        assertThat(DirectStatus.read(database, files)).isEmpty();
        Files.delete(dir.resolve("flyway.properties"));

        endpoint.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                + "installed_by, execution_time, success) VALUES (99, '1', '<< Flyway Baseline >>', 'BASELINE', "
                + "'<< Flyway Baseline >>', 'keel', 0, true)");
        assertThat(DirectStatus.read(database, files)).isEmpty();
        assertThat(DirectStatus.read(new Database("jdbc:postgresql://127.0.0.1:1/none", "keel", "keel"), files))
                .isEmpty();
    }

    private Migrations migrations() {
        return new Migrations(database, files);
    }

    /** Flyway's report and the direct one are the same, row for row. */
    private void assertSameReport() {
        assertThat(DirectStatus.read(database, files)).contains(migrations().status());
    }

    private void pair(String version, String name, String sql) throws IOException {
        write("migration/V" + version + "__" + name + ".sql", sql);
        write("undo/U" + version + "__" + name + ".sql", "SELECT 1;\n");
    }

    private void write(String path, String text) throws IOException {
        Files.writeString(dir.resolve(path), text, StandardCharsets.UTF_8);
    }
}
