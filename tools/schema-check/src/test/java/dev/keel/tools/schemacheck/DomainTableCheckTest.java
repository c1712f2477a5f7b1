package dev.keel.tools.schemacheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model checklist passes the shipped schema and names what a seeded table lacks. */
class DomainTableCheckTest {

    @Test
    void theShippedSchemaFollowsTheChecklist(@TempDir Path root) throws Exception {
        PostgresEndpoint database =
                ScratchSchema.migrated("checklist_shipped", ScratchSchema.shippedMigrationsIn(root));

        try (Connection connection = database.connect()) {
            assertThat(DomainTableCheck.check(connection)).isEmpty();
        }
    }

    @Test
    void aTableMissingPartsOfTheChecklistFails(@TempDir Path root) throws Exception {
        Path migration = ScratchSchema.shippedMigrationsIn(root);
        Files.writeString(migration.resolve("V20270101000000__create_gadget.sql"), """
                CREATE TABLE gadget (
                    id          bigint      PRIMARY KEY,
                    created_at  timestamptz NOT NULL DEFAULT now(),
                    updated_at  timestamptz
                );
                CREATE TABLE country (code text PRIMARY KEY);
                COMMENT ON TABLE country IS 'ISO 3166 reference data; keel:not-domain';
                CREATE SCHEMA billing;
                CREATE TABLE billing.invoice (n integer);
                """);
        PostgresEndpoint database = ScratchSchema.migrated("checklist_seeded", migration);

        try (Connection connection = database.connect()) {
            List<SchemaProblem> problems = DomainTableCheck.check(connection);

            assertThat(problems)
                    .extracting(SchemaProblem::subject)
                    .containsOnly("table gadget", "table billing.invoice");
            assertThat(problems)
                    .filteredOn(problem -> problem.subject().equals("table gadget"))
                    .extracting(SchemaProblem::message)
                    .anySatisfy(m -> assertThat(m).startsWith("no uuid primary key id"))
                    .anySatisfy(m -> assertThat(m).startsWith("no updated_at timestamptz NOT NULL"))
                    .anySatisfy(m -> assertThat(m).startsWith("no nullable archived_at"))
                    .anySatisfy(
                            m -> assertThat(m).startsWith("no BEFORE UPDATE row trigger calling keel_touch_updated_at"))
                    .anySatisfy(
                            m -> assertThat(m).startsWith("no BEFORE DELETE row trigger calling keel_forbid_delete"))
                    .anySatisfy(m -> assertThat(m).startsWith("no created_by text NOT NULL"))
                    .anySatisfy(m -> assertThat(m).startsWith("no updated_by text NOT NULL"))
                    .hasSize(7);
        }
    }

    @Test
    void aTriggerThatRunsAfterwardsOrPerStatementDoesNotCount(@TempDir Path root) throws Exception {
        Path migration = ScratchSchema.shippedMigrationsIn(root);
        Files.writeString(migration.resolve("V20270101000000__loosen_widget.sql"), """
                DROP TRIGGER widget_forbid_delete ON widget;
                CREATE TRIGGER widget_forbid_delete AFTER DELETE ON widget
                    FOR EACH STATEMENT EXECUTE FUNCTION keel_forbid_delete();
                DROP TRIGGER widget_touch_updated_at ON widget;
                CREATE TRIGGER widget_touch_updated_at BEFORE UPDATE OF archived_at ON widget
                    FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();
                """);
        PostgresEndpoint database = ScratchSchema.migrated("checklist_trigger", migration);

        try (Connection connection = database.connect()) {
            assertThat(DomainTableCheck.check(connection))
                    .extracting(SchemaProblem::message)
                    .hasSize(2)
                    .anySatisfy(message -> assertThat(message).startsWith("no BEFORE DELETE row trigger"))
                    .anySatisfy(message -> assertThat(message).startsWith("no BEFORE UPDATE row trigger"));
        }
    }

    @Test
    void whoCreatedAndWhoChangedARowAreTextNotNull(@TempDir Path root) throws Exception {
        Path migration = ScratchSchema.shippedMigrationsIn(root);
        Files.writeString(migration.resolve("V20270101000000__loosen_widget.sql"), """
                ALTER TABLE widget ALTER COLUMN created_by DROP NOT NULL;
                ALTER TABLE widget ALTER COLUMN updated_by TYPE varchar(255);
                """);
        PostgresEndpoint database = ScratchSchema.migrated("checklist_actors", migration);

        try (Connection connection = database.connect()) {
            assertThat(DomainTableCheck.check(connection))
                    .extracting(SchemaProblem::message)
                    .hasSize(2)
                    .anySatisfy(message -> assertThat(message).startsWith("no created_by text NOT NULL"))
                    .anySatisfy(message -> assertThat(message).startsWith("no updated_by text NOT NULL"));
        }
    }
}
