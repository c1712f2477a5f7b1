package dev.keel.tools.migrate.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.flyway.CatalogSnapshot;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The catalog the round trip compares covers every kind of object the issue lists, in every user schema. */
class CatalogSnapshotTest {

    @Test
    void listsEveryKindOfObjectInEveryUserSchema() throws Exception {
        PostgresEndpoint database = TestServices.newDatabase("catalog_snapshot");
        database.execute("""
                CREATE SCHEMA billing;
                CREATE TYPE billing.state AS ENUM ('open', 'paid');
                CREATE DOMAIN billing.cents AS bigint NOT NULL CHECK (VALUE >= 0);
                CREATE TYPE billing.money_pair AS (amount billing.cents, currency text);
                CREATE TABLE billing.invoice (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    state billing.state NOT NULL DEFAULT 'open',
                    total billing.cents,
                    doubled bigint GENERATED ALWAYS AS (total * 2) STORED);
                CREATE INDEX invoice_state_idx ON billing.invoice (state);
                CREATE VIEW billing.open_invoice AS SELECT id FROM billing.invoice WHERE state = 'open';
                CREATE FUNCTION billing.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER invoice_touch BEFORE UPDATE ON billing.invoice FOR EACH ROW EXECUTE FUNCTION billing.touch();
                """);

        try (Connection connection = database.connect()) {
            assertThat(CatalogSnapshot.of(connection).lines())
                    .contains(
                            "schema billing",
                            "table billing.invoice",
                            "column billing.invoice.id bigint not null generated always as identity",
                            "column billing.invoice.state billing.state not null default 'open'::billing.state",
                            "column billing.invoice.doubled bigint generated always as ((total)::bigint * 2)",
                            "constraint billing.invoice.invoice_pkey PRIMARY KEY (id)",
                            "index CREATE INDEX invoice_state_idx ON billing.invoice USING btree (state)",
                            "enum billing.state open,paid",
                            "composite type billing.money_pair (amount billing.cents, currency text)",
                            "trigger CREATE TRIGGER invoice_touch BEFORE UPDATE ON billing.invoice FOR EACH ROW EXECUTE "
                                    + "FUNCTION billing.touch()")
                    .anyMatch(line ->
                            line.startsWith("domain billing.cents bigint not null cents_check CHECK ((VALUE >= 0))"))
                    .anyMatch(line -> line.startsWith("sequence billing.invoice_id_seq bigint start 1 increment 1"))
                    .anyMatch(line -> line.startsWith("view billing.open_invoice AS  SELECT id"))
                    .anyMatch(line -> line.startsWith("function CREATE OR REPLACE FUNCTION billing.touch()"));
        }
    }
}
