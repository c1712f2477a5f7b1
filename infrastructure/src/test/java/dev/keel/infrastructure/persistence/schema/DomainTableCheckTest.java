package dev.keel.infrastructure.persistence.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.devservices.PostgresEndpoint;
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
        PostgresEndpoint database = ScratchSchema.migrated("checklist_shipped", ScratchSchema.shippedMigrationsIn(root));

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
                """);
        PostgresEndpoint database = ScratchSchema.migrated("checklist_seeded", migration);

        try (Connection connection = database.connect()) {
            List<SchemaProblem> problems = DomainTableCheck.check(connection);

            assertThat(problems).extracting(SchemaProblem::subject).containsOnly("table gadget");
            assertThat(problems).extracting(SchemaProblem::message).anySatisfy(m -> assertThat(m).startsWith("no uuid primary key id"))
                    .anySatisfy(m -> assertThat(m).startsWith("no updated_at timestamptz NOT NULL"))
                    .anySatisfy(m -> assertThat(m).startsWith("no nullable archived_at"))
                    .anySatisfy(m -> assertThat(m).startsWith("no BEFORE UPDATE row trigger calling keel_touch_updated_at"))
                    .anySatisfy(m -> assertThat(m).startsWith("no BEFORE DELETE row trigger calling keel_forbid_delete"))
                    .hasSize(5);
        }
    }

    @Test
    void aTriggerThatRunsAfterwardsOrPerStatementDoesNotCount(@TempDir Path root) throws Exception {
        Path migration = ScratchSchema.shippedMigrationsIn(root);
        Files.writeString(migration.resolve("V20270101000000__loosen_widget.sql"), """
                DROP TRIGGER widget_forbid_delete ON widget;
                CREATE TRIGGER widget_forbid_delete AFTER DELETE ON widget
                    FOR EACH STATEMENT EXECUTE FUNCTION keel_forbid_delete();
                """);
        PostgresEndpoint database = ScratchSchema.migrated("checklist_trigger", migration);

        try (Connection connection = database.connect()) {
            assertThat(DomainTableCheck.check(connection)).extracting(SchemaProblem::message)
                    .singleElement().asString().startsWith("no BEFORE DELETE row trigger");
        }
    }
}
