package dev.keel.tools.migrate.devdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seed levels on a migrated PostgreSQL 17 database of their own. */
class SeedsTest {

    private static final Path SHIPPED = Path.of("../sample/db");

    @TempDir
    Path seedDirectory;

    private PostgresEndpoint endpoint;
    private Database database;
    private Seeds seeds;

    @BeforeEach
    void migratedDatabase() throws IOException {
        endpoint = TestServices.newDatabase("seeds");
        database = new Database(endpoint.jdbcUrl(), endpoint.username(), endpoint.password());
        new Migrations(database, new MigrationFiles(SHIPPED)).up(null, new PrintWriter(new StringWriter()));
        Files.createDirectories(seedDirectory.resolve("essentials"));
        Files.createDirectories(seedDirectory.resolve("demo"));
        seeds = new Seeds(seedDirectory);
    }

    @Test
    void essentialsRunTwiceGiveTheSameRows() throws IOException, SQLException {
        essentials("010_reference.sql", """
                INSERT INTO widget (id, name, status) VALUES ('019a0000-0000-7000-8000-00000000e001', 'Essential', 'ACTIVE')
                ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status;
                """);
        essentials("020_more.sql", """
                INSERT INTO widget (id, name, status) VALUES ('019a0000-0000-7000-8000-00000000e002', 'Second', 'DRAFT')
                ON CONFLICT DO NOTHING;
                """);
        Seeds.Result first = seeds.apply(Seeds.Level.ESSENTIALS, database, new PrintWriter(new StringWriter()));
        assertThat(first).isEqualTo(new Seeds.Result(2, 2, 2));
        // Every column but updated_at, which the trigger moves whenever DO UPDATE rewrites a row.
        String query = "SELECT string_agg((w.id, w.name, w.status, w.version, w.created_at, w.archived_at)::text, "
                + "E'\\n' ORDER BY id) FROM widget w";
        String rows = endpoint.queryForString(query);
        assertThat(rows).contains("Essential", "Second");

        StringWriter out = new StringWriter();
        seeds.apply(Seeds.Level.ESSENTIALS, database, new PrintWriter(out));
        assertThat(out.toString()).contains("Seeded essentials: 2 files, 2 statements");
        assertThat(endpoint.queryForString("SELECT count(*) FROM widget")).isEqualTo("2");
        assertThat(endpoint.queryForString(query)).isEqualTo(rows);
    }

    @Test
    void aFailingSeedLeavesNothingOfItsLevelAndNamesFileAndLine() throws IOException, SQLException {
        demo(
                "010_ok.sql",
                "INSERT INTO widget (id, name, status) VALUES "
                        + "('019a0000-0000-7000-8000-00000000d001', 'Fine', 'DRAFT') ON CONFLICT DO NOTHING;\n");
        demo(
                "020_bad.sql",
                "-- the status CHECK refuses this one\n\nINSERT INTO widget (id, name, status) VALUES "
                        + "('019a0000-0000-7000-8000-00000000d002', 'Bad', 'LOST') ON CONFLICT DO NOTHING;\n");
        assertThatThrownBy(() -> seeds.apply(Seeds.Level.DEMO, database, new PrintWriter(new StringWriter())))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("020_bad.sql:3")
                .hasMessageContaining("no demo seed was applied")
                .hasMessageContaining("widget_status_check");
        assertThat(endpoint.queryForString("SELECT count(*) FROM widget")).isEqualTo("0");
    }

    @Test
    void seedsThatCouldNotRunTwiceOrAreNotDataAreRefusedBeforeAnythingRuns() throws IOException, SQLException {
        demo("010_mixed.sql", """
                INSERT INTO widget (id, name, status) VALUES ('019a0000-0000-7000-8000-00000000d003', 'Twice', 'DRAFT');
                ALTER TABLE widget ADD COLUMN colour text;
                DELETE FROM widget;
                TRUNCATE widget;
                WITH fresh AS (SELECT 1) INSERT INTO widget (id, name, status)
                  SELECT '019a0000-0000-7000-8000-00000000d004', 'CTE', 'DRAFT' FROM fresh;
                UPDATE widget SET status = 'ACTIVE' WHERE name = 'Twice';
                INSERT INTO widget (id, name, status) VALUES (gen_random_uuid(), 'Doubles', 'DRAFT') ON CONFLICT DO NOTHING;
                """);
        assertThatThrownBy(() -> seeds.apply(Seeds.Level.DEMO, database, new PrintWriter(new StringWriter())))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("010_mixed.sql:1: an INSERT in a seed needs ON CONFLICT")
                .hasMessageContaining("010_mixed.sql:2: seeds hold rows only; ALTER TABLE")
                .hasMessageContaining("010_mixed.sql:3: seeds never delete")
                .hasMessageContaining("010_mixed.sql:4: seeds never truncate")
                .hasMessageContaining("010_mixed.sql:5: an INSERT in a seed needs ON CONFLICT")
                .hasMessageNotContaining("010_mixed.sql:7")
                .hasMessageContaining("010_mixed.sql:8: gen_random_uuid() makes a new id on every run");
        assertThat(endpoint.queryForString("SELECT count(*) FROM widget")).isEqualTo("0");
    }

    @Test
    void theShippedSeedsPassTheirOwnRules() {
        Seeds shipped = new Seeds(SHIPPED.resolve("seed"));
        assertThat(shipped.read(Seeds.Level.DEMO)).hasSize(2);
        assertThat(shipped.read(Seeds.Level.ESSENTIALS)).isEmpty();
    }

    private void essentials(String name, String sql) throws IOException {
        Files.writeString(seedDirectory.resolve("essentials").resolve(name), sql);
    }

    private void demo(String name, String sql) throws IOException {
        Files.writeString(seedDirectory.resolve("demo").resolve(name), sql);
    }
}
