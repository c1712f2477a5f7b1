package dev.keel.tools.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.FlywayMigrator;
import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migration.MigrationFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped example backfill, on a database the shipped migrations built. */
class BackfillExampleTest {

    private static final Path EXAMPLE = Path.of("../sample/db/backfill/widget_example.sql");

    private final PostgresEndpoint database = TestServices.newDatabase("backfill_example");

    @Test
    void trimsWidgetNamesOnceAndLeavesCleanOrConflictingNamesAlone() throws SQLException {
        new FlywayMigrator(
                        new Database(database.jdbcUrl(), database.username(), database.password()),
                        new MigrationFiles(Path.of("../sample/db")))
                .up(null);
        database.execute("""
                INSERT INTO widget (id, name, status) VALUES
                    (gen_random_uuid(), '  Alpha ', 'DRAFT'),
                    (gen_random_uuid(), 'Beta', 'ACTIVE'),
                    (gen_random_uuid(), 'Gamma', 'ACTIVE'),
                    (gen_random_uuid(), 'Gamma  ', 'DRAFT'),
                    (gen_random_uuid(), '   ', 'DRAFT')""");
        BackfillFile example = BackfillFile.read(EXAMPLE);

        assertThat(example.directive().table()).isEqualTo("widget");
        String first = run(example, BackfillRunner.Options.of(example));

        assertThat(first)
                .contains(
                        "widget by key id (uuid), 1000 keys a batch, 200ms between batches; 5 keys to visit",
                        "batch 1: up to key ",
                        "1 rows changed, 5 of 5 keys (100%)",
                        "Finished " + EXAMPLE);
        assertThat(names()).isEqualTo("'   ':0,'Alpha':1,'Beta':0,'Gamma':0,'Gamma  ':0");
        assertThat(run(example, BackfillRunner.Options.of(example))).contains("already finished");

        String again = run(example, new BackfillRunner.Options(2, Duration.ZERO, 0, true));

        assertThat(again).contains("batch 3: up to key ", "0 rows changed, 5 of 5 keys (100%)");
        assertThat(names()).isEqualTo("'   ':0,'Alpha':1,'Beta':0,'Gamma':0,'Gamma  ':0");
    }

    private String run(BackfillFile example, BackfillRunner.Options options) throws SQLException {
        StringWriter out = new StringWriter();
        List<Duration> sleeps = new ArrayList<>();
        try (Connection connection = database.connect()) {
            new BackfillRunner(connection, new PrintWriter(out), Clock.systemUTC(), sleeps::add).run(example, options);
        }
        return out.toString();
    }

    /** Each widget's name, quoted, with how many times its version moved. */
    private String names() throws SQLException {
        return database.queryForString(
                "SELECT string_agg(quote_literal(name) || ':' || version, ',' ORDER BY name COLLATE \"C\") "
                        + "FROM widget");
    }
}
