package dev.keel.tools.migrate.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.DatabaseTemplate;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.MigrationLinter;
import dev.keel.tools.lint.ReleaseHistory;
import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migrate.generate.MigrationPlan.GeneratedFile;
import dev.keel.tools.migrate.generate.SchemaChange.Renamed;
import dev.keel.tools.migrate.schema.CatalogReader;
import dev.keel.tools.migrate.schema.DeclaredSchema;
import dev.keel.tools.migrate.schema.SchemaWriter;
import dev.keel.tools.migration.MigrationFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Before and after pairs on a real PostgreSQL 17: the "before" is migrations, the "after" is the schema.sql a
 * team would write. The generated files are exactly the expected ones, lint with no error, take the before
 * database to the after catalog, and their undo, run newest first, takes it back.
 */
// Each case has its own folder and database, and most of its time is PostgreSQL's: cases run side by side.
@Execution(ExecutionMode.CONCURRENT)
class GeneratorTest {

    static final String VERSION = "20260102120000";

    static final String CONVENTIONS = """
            CREATE FUNCTION keel_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.updated_at := now();
                RETURN NEW;
            END
            $$;
            CREATE FUNCTION widget_limit() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 1000';
            CREATE FUNCTION keel_forbid_delete() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'rows of % are never deleted', TG_TABLE_NAME;
            END
            $$;
            """;

    static final String BASE = """
            CREATE TYPE widget_status AS ENUM ('draft', 'active');
            CREATE TABLE owner (
                id uuid PRIMARY KEY,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                archived_at timestamptz);
            CREATE TRIGGER owner_touch_updated_at BEFORE UPDATE ON owner
                FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();
            CREATE TRIGGER owner_forbid_delete BEFORE DELETE ON owner FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();
            CREATE TABLE widget (
                id uuid PRIMARY KEY,
                owner_id uuid,
                name text NOT NULL,
                status widget_status NOT NULL DEFAULT 'draft',
                quantity integer,
                legacy_code text,
                sku varchar(50),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                archived_at timestamptz);
            CREATE VIEW live_widget AS SELECT id, name, quantity FROM widget WHERE archived_at IS NULL;
            CREATE VIEW stocked_widget AS SELECT id, name FROM live_widget WHERE quantity > 0;
            CREATE TRIGGER widget_touch_updated_at BEFORE UPDATE ON widget
                FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();
            CREATE TRIGGER widget_forbid_delete BEFORE DELETE ON widget FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();
            CREATE INDEX widget_name_idx ON widget (name);
            CREATE TABLE ticket (id uuid PRIMARY KEY, number serial NOT NULL);
            """;

    static final String TIMEOUTS = "SET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '60s';\n\n";

    /** One pair: how the team edits the before schema.sql, and what comes out (files, or the refusal). */
    record Case(
            String name,
            UnaryOperator<String> edit,
            Set<Allowance> allow,
            Map<String, String> files,
            List<String> refusal) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Case generates(String name, UnaryOperator<String> edit, Set<Allowance> allow, String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return new Case(name, edit, allow, files, List.of());
    }

    static Case refuses(String name, UnaryOperator<String> edit, String... reasons) {
        return new Case(name, edit, Set.of(), Map.of(), List.of(reasons));
    }

    static Stream<Case> cases() {
        return Stream.of(
                generates(
                        "add_gadget",
                        schema -> schema + """
                                CREATE TABLE public.gadget (
                                    id uuid PRIMARY KEY,
                                    widget_id uuid NOT NULL REFERENCES public.widget (id),
                                    label text NOT NULL,
                                    created_at timestamptz NOT NULL DEFAULT now(),
                                    updated_at timestamptz NOT NULL DEFAULT now(),
                                    created_by text NOT NULL,
                                    updated_by text NOT NULL,
                                    archived_at timestamptz
                                );
                                CREATE INDEX gadget_widget_id_idx ON public.gadget (widget_id);
                                CREATE TRIGGER gadget_touch_updated_at BEFORE UPDATE ON public.gadget
                                    FOR EACH ROW EXECUTE FUNCTION public.keel_touch_updated_at();
                                CREATE TRIGGER gadget_forbid_delete BEFORE DELETE ON public.gadget
                                    FOR EACH ROW EXECUTE FUNCTION public.keel_forbid_delete();
                                COMMENT ON TABLE public.gadget IS 'A part of a widget.';
                                """,
                        Set.of(),
                        "migration/V20260102120000__add_gadget.sql",
                        TIMEOUTS + """
                        CREATE TABLE public.gadget (
                            id uuid NOT NULL,
                            widget_id uuid NOT NULL,
                            label text NOT NULL,
                            created_at timestamp with time zone DEFAULT now() NOT NULL,
                            updated_at timestamp with time zone DEFAULT now() NOT NULL,
                            created_by text NOT NULL,
                            updated_by text NOT NULL,
                            archived_at timestamp with time zone,
                            CONSTRAINT gadget_pkey PRIMARY KEY (id)
                        );
                        ALTER TABLE public.gadget ADD CONSTRAINT gadget_widget_id_fkey FOREIGN KEY (widget_id) REFERENCES public.widget(id);
                        CREATE INDEX gadget_widget_id_idx ON public.gadget USING btree (widget_id);
                        CREATE TRIGGER gadget_forbid_delete BEFORE DELETE ON public.gadget FOR EACH ROW EXECUTE FUNCTION public.keel_forbid_delete();
                        CREATE TRIGGER gadget_touch_updated_at BEFORE UPDATE ON public.gadget FOR EACH ROW EXECUTE FUNCTION public.keel_touch_updated_at();
                        COMMENT ON TABLE public.gadget IS 'A part of a widget.';
                        """,
                        "undo/U20260102120000__add_gadget.sql",
                        TIMEOUTS + """
                        COMMENT ON TABLE public.gadget IS NULL;
                        DROP TABLE public.gadget;
                        """),
                // Two new tables, one referring to the other: the undo drops the key first, so the drops' order is
                // free.
                generates(
                        "add_shelf_and_bin",
                        schema -> schema + """
                                CREATE TABLE public.shelf (id uuid PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), created_by text NOT NULL, updated_by text NOT NULL, archived_at timestamptz);
                                CREATE TABLE public.bin (
                                    id uuid PRIMARY KEY,
                                    shelf_id uuid NOT NULL REFERENCES public.shelf (id),
                                    created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(), created_by text NOT NULL, updated_by text NOT NULL, archived_at timestamptz);
                                CREATE TRIGGER shelf_touch_updated_at BEFORE UPDATE ON public.shelf FOR EACH ROW EXECUTE FUNCTION public.keel_touch_updated_at();
                                CREATE TRIGGER shelf_forbid_delete BEFORE DELETE ON public.shelf FOR EACH ROW EXECUTE FUNCTION public.keel_forbid_delete();
                                CREATE TRIGGER bin_touch_updated_at BEFORE UPDATE ON public.bin FOR EACH ROW EXECUTE FUNCTION public.keel_touch_updated_at();
                                CREATE TRIGGER bin_forbid_delete BEFORE DELETE ON public.bin FOR EACH ROW EXECUTE FUNCTION public.keel_forbid_delete();
                                """,
                        Set.of(),
                        "migration/V20260102120000__add_shelf_and_bin.sql",
                        TIMEOUTS + """
                        CREATE TABLE public.bin (
                            id uuid NOT NULL,
                            shelf_id uuid NOT NULL,
                            created_at timestamp with time zone DEFAULT now() NOT NULL,
                            updated_at timestamp with time zone DEFAULT now() NOT NULL,
                            created_by text NOT NULL,
                            updated_by text NOT NULL,
                            archived_at timestamp with time zone,
                            CONSTRAINT bin_pkey PRIMARY KEY (id)
                        );
                        CREATE TABLE public.shelf (
                            id uuid NOT NULL,
                            created_at timestamp with time zone DEFAULT now() NOT NULL,
                            updated_at timestamp with time zone DEFAULT now() NOT NULL,
                            created_by text NOT NULL,
                            updated_by text NOT NULL,
                            archived_at timestamp with time zone,
                            CONSTRAINT shelf_pkey PRIMARY KEY (id)
                        );
                        ALTER TABLE public.bin ADD CONSTRAINT bin_shelf_id_fkey FOREIGN KEY (shelf_id) REFERENCES public.shelf(id);
                        CREATE TRIGGER bin_forbid_delete BEFORE DELETE ON public.bin FOR EACH ROW EXECUTE FUNCTION public.keel_forbid_delete();
                        CREATE TRIGGER bin_touch_updated_at BEFORE UPDATE ON public.bin FOR EACH ROW EXECUTE FUNCTION public.keel_touch_updated_at();
                        CREATE TRIGGER shelf_forbid_delete BEFORE DELETE ON public.shelf FOR EACH ROW EXECUTE FUNCTION public.keel_forbid_delete();
                        CREATE TRIGGER shelf_touch_updated_at BEFORE UPDATE ON public.shelf FOR EACH ROW EXECUTE FUNCTION public.keel_touch_updated_at();
                        """,
                        "undo/U20260102120000__add_shelf_and_bin.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.bin DROP CONSTRAINT bin_shelf_id_fkey;
                        DROP TABLE public.bin;
                        DROP TABLE public.shelf;
                        """),
                generates(
                        "add_note",
                        schema -> addColumn(schema, "public.widget", "note text"),
                        Set.of(),
                        "migration/V20260102120000__add_note.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ADD COLUMN note text;
                        """,
                        "undo/U20260102120000__add_note.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget DROP COLUMN note;
                        """),
                generates(
                        "add_priority",
                        schema -> addColumn(schema, "public.widget", "priority integer DEFAULT 0 NOT NULL"),
                        Set.of(),
                        "migration/V20260102120000__add_priority.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ADD COLUMN priority integer DEFAULT 0 NOT NULL;
                        """,
                        "undo/U20260102120000__add_priority.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget DROP COLUMN priority;
                        """),
                generates(
                        "index_owner",
                        schema -> schema + "CREATE INDEX widget_owner_id_idx ON public.widget (owner_id);\n",
                        Set.of(),
                        "migration/V20260102120000__index_owner_create_widget_owner_id_idx.sql",
                        """
                        -- keel:non-transactional
                        CREATE INDEX CONCURRENTLY widget_owner_id_idx ON public.widget USING btree (owner_id);
                        """,
                        "undo/U20260102120000__index_owner_create_widget_owner_id_idx.sql",
                        TIMEOUTS + """
                        DROP INDEX public.widget_owner_id_idx;
                        """),
                generates(
                        "live_names",
                        schema -> replace(
                                schema,
                                "CREATE INDEX widget_name_idx ON public.widget USING btree (name);",
                                "CREATE INDEX widget_name_idx ON public.widget USING btree (name)"
                                        + " WHERE (archived_at IS NULL);"),
                        Set.of(),
                        "migration/V20260102120000__live_names_drop_widget_name_idx.sql",
                        """
                        -- keel:non-transactional
                        DROP INDEX CONCURRENTLY IF EXISTS public.widget_name_idx;
                        """,
                        "undo/U20260102120000__live_names_drop_widget_name_idx.sql",
                        TIMEOUTS + """
                        CREATE INDEX widget_name_idx ON public.widget USING btree (name);
                        """,
                        "migration/V20260102120001__live_names_create_widget_name_idx.sql",
                        """
                        -- keel:non-transactional
                        CREATE INDEX CONCURRENTLY widget_name_idx ON public.widget USING btree (name) WHERE (archived_at IS NULL);
                        """,
                        "undo/U20260102120001__live_names_create_widget_name_idx.sql",
                        TIMEOUTS + """
                        DROP INDEX public.widget_name_idx;
                        """),
                generates(
                        "cover_status",
                        schema -> replace(
                                schema,
                                "CREATE INDEX widget_name_idx ON public.widget USING btree (name);",
                                "CREATE INDEX widget_name_idx ON public.widget USING btree (name) INCLUDE (status);"),
                        Set.of(),
                        "migration/V20260102120000__cover_status_drop_widget_name_idx.sql",
                        """
                        -- keel:non-transactional
                        DROP INDEX CONCURRENTLY IF EXISTS public.widget_name_idx;
                        """,
                        "undo/U20260102120000__cover_status_drop_widget_name_idx.sql",
                        TIMEOUTS + """
                        CREATE INDEX widget_name_idx ON public.widget USING btree (name);
                        """,
                        "migration/V20260102120001__cover_status_create_widget_name_idx.sql",
                        """
                        -- keel:non-transactional
                        CREATE INDEX CONCURRENTLY widget_name_idx ON public.widget USING btree (name) INCLUDE (status);
                        """,
                        "undo/U20260102120001__cover_status_create_widget_name_idx.sql",
                        TIMEOUTS + """
                        DROP INDEX public.widget_name_idx;
                        """),
                generates(
                        "drop_name_index",
                        schema -> replace(
                                schema, "CREATE INDEX widget_name_idx ON public.widget USING btree (name);", ""),
                        Set.of(),
                        "migration/V20260102120000__drop_name_index_drop_widget_name_idx.sql",
                        """
                        -- keel:non-transactional
                        DROP INDEX CONCURRENTLY IF EXISTS public.widget_name_idx;
                        """,
                        "undo/U20260102120000__drop_name_index_drop_widget_name_idx.sql",
                        TIMEOUTS + """
                        CREATE INDEX widget_name_idx ON public.widget USING btree (name);
                        """),
                generates(
                        "widget_rules",
                        schema -> schema + """
                                ALTER TABLE public.widget ADD CONSTRAINT widget_quantity_check CHECK (quantity >= 0);
                                ALTER TABLE public.widget ADD CONSTRAINT widget_owner_id_fkey
                                    FOREIGN KEY (owner_id) REFERENCES public.owner (id);
                                """,
                        Set.of(),
                        "migration/V20260102120000__widget_rules.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ADD CONSTRAINT widget_quantity_check CHECK ((quantity >= 0)) NOT VALID;
                        ALTER TABLE public.widget ADD CONSTRAINT widget_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.owner(id) NOT VALID;
                        """,
                        "undo/U20260102120000__widget_rules.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget DROP CONSTRAINT widget_owner_id_fkey;
                        ALTER TABLE public.widget DROP CONSTRAINT widget_quantity_check;
                        """,
                        "migration/V20260102120001__widget_rules_validate.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget VALIDATE CONSTRAINT widget_quantity_check;
                        ALTER TABLE public.widget VALIDATE CONSTRAINT widget_owner_id_fkey;
                        """,
                        "undo/U20260102120001__widget_rules_validate.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget DROP CONSTRAINT widget_quantity_check;
                        ALTER TABLE public.widget ADD CONSTRAINT widget_quantity_check CHECK ((quantity >= 0)) NOT VALID;
                        ALTER TABLE public.widget DROP CONSTRAINT widget_owner_id_fkey;
                        ALTER TABLE public.widget ADD CONSTRAINT widget_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES public.owner(id) NOT VALID;
                        """),
                generates(
                        "pause_widgets",
                        schema -> replace(schema, "('draft', 'active')", "('draft', 'paused', 'active')"),
                        Set.of(),
                        "migration/V20260102120000__pause_widgets_enum_value.sql",
                        TIMEOUTS + """
                        ALTER TYPE public.widget_status ADD VALUE 'paused' AFTER 'draft';
                        """,
                        "undo/U20260102120000__pause_widgets_enum_value.sql",
                        """
                        -- keel:irreversible PostgreSQL cannot drop a value from an enum: public.widget_status keeps 'paused'
                        """),
                refuses(
                        "drop_legacy_code",
                        schema -> replace(schema, "    legacy_code text,\n", ""),
                        "drop of column public.widget.legacy_code: the running release may still use it and its data"
                                + " is gone; ALLOW=drop generates it once no released code uses it"),
                generates(
                        "drop_legacy_code",
                        schema -> replace(schema, "    legacy_code text,\n", ""),
                        EnumSet.of(Allowance.DROP),
                        "migration/V20260102120000__drop_legacy_code.sql",
                        TIMEOUTS + """
                        -- keel:allow drop-column ALLOW=drop: legacy_code is gone from db/schema.sql
                        ALTER TABLE public.widget DROP COLUMN legacy_code;
                        """,
                        "undo/U20260102120000__drop_legacy_code.sql",
                        """
                        -- keel:irreversible this migration drops the values of public.widget.legacy_code, which no undo brings back; restore them from a backup (make restore-db)
                        """),
                refuses(
                        "add_required_code",
                        schema -> addColumn(schema, "public.widget", "required_code text NOT NULL"),
                        """
                        new NOT NULL column public.widget.required_code without a default on an existing table: \
                        the old rows have no value for it, and the running release does not write it, so its inserts \
                        would fail. No ALLOW= word permits it; expand and contract instead:
                              1. declare it without NOT NULL in schema.sql and generate that migration;
                              2. release code that writes it, and backfill the old rows in batches;
                              3. declare it NOT NULL and generate again: it is set through a validated CHECK, \
                        without a long lock.
                              Or give it a constant DEFAULT when one value is right for every old row."""),
                generates(
                        "require_quantity",
                        schema -> replace(schema, "    quantity integer,\n", "    quantity integer NOT NULL,\n"),
                        Set.of(),
                        "migration/V20260102120000__require_quantity.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ADD CONSTRAINT widget_quantity_not_null CHECK (quantity IS NOT NULL) NOT VALID;
                        """,
                        "undo/U20260102120000__require_quantity.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget DROP CONSTRAINT widget_quantity_not_null;
                        """,
                        "migration/V20260102120001__require_quantity_validate.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget VALIDATE CONSTRAINT widget_quantity_not_null;
                        """,
                        "undo/U20260102120001__require_quantity_validate.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget DROP CONSTRAINT widget_quantity_not_null;
                        ALTER TABLE public.widget ADD CONSTRAINT widget_quantity_not_null CHECK (quantity IS NOT NULL) NOT VALID;
                        """,
                        "migration/V20260102120002__require_quantity_set_not_null.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ALTER COLUMN quantity SET NOT NULL;
                        ALTER TABLE public.widget DROP CONSTRAINT widget_quantity_not_null;
                        """,
                        "undo/U20260102120002__require_quantity_set_not_null.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ADD CONSTRAINT widget_quantity_not_null CHECK (quantity IS NOT NULL);
                        ALTER TABLE public.widget ALTER COLUMN quantity DROP NOT NULL;
                        """),
                generates(
                        "unique_name",
                        schema -> schema + "ALTER TABLE public.widget ADD CONSTRAINT widget_name_key UNIQUE (name);\n",
                        Set.of(),
                        "migration/V20260102120000__unique_name_create_widget_name_key.sql",
                        """
                        -- keel:non-transactional
                        CREATE UNIQUE INDEX CONCURRENTLY widget_name_key ON public.widget USING btree (name);
                        """,
                        "undo/U20260102120000__unique_name_create_widget_name_key.sql",
                        TIMEOUTS + """
                        DROP INDEX public.widget_name_key;
                        """,
                        "migration/V20260102120001__unique_name_validate.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ADD CONSTRAINT widget_name_key UNIQUE USING INDEX widget_name_key;
                        """,
                        "undo/U20260102120001__unique_name_validate.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget DROP CONSTRAINT widget_name_key;
                        CREATE UNIQUE INDEX widget_name_key ON public.widget USING btree (name);
                        """),
                refuses(
                        "widen_quantity",
                        schema -> replace(schema, "    quantity integer,\n", "    quantity bigint,\n"),
                        "type change of public.widget.quantity from integer to bigint rewrites the table under an"
                                + " ACCESS EXCLUSIVE lock: ALLOW=rewrite generates it; on a large table add a new"
                                + " column, backfill it and switch over instead"),
                generates(
                        "widen_quantity",
                        schema -> replace(schema, "    quantity integer,\n", "    quantity bigint,\n"),
                        EnumSet.of(Allowance.REWRITE),
                        "migration/V20260102120000__widen_quantity.sql",
                        TIMEOUTS + """
                        DROP VIEW public.stocked_widget;
                        DROP VIEW public.live_widget;
                        -- keel:allow rewriting-type-change ALLOW=rewrite: the rewrite was asked for
                        ALTER TABLE public.widget ALTER COLUMN quantity TYPE bigint;
                        CREATE VIEW public.live_widget AS
                        SELECT id,
                            name,
                            quantity
                           FROM public.widget
                          WHERE (archived_at IS NULL);
                        CREATE VIEW public.stocked_widget AS
                        SELECT id,
                            name
                           FROM public.live_widget
                          WHERE (quantity > 0);
                        """,
                        "undo/U20260102120000__widen_quantity.sql",
                        TIMEOUTS + """
                        DROP VIEW public.stocked_widget;
                        DROP VIEW public.live_widget;
                        ALTER TABLE public.widget ALTER COLUMN quantity TYPE integer;
                        CREATE VIEW public.live_widget AS
                        SELECT id,
                            name,
                            quantity
                           FROM public.widget
                          WHERE (archived_at IS NULL);
                        CREATE VIEW public.stocked_widget AS
                        SELECT id,
                            name
                           FROM public.live_widget
                          WHERE (quantity > 0);
                        """),
                generates(
                        "billing",
                        schema -> schema + """
                                CREATE SCHEMA billing;
                                CREATE DOMAIN billing.money_amount AS numeric(12,2) CHECK (VALUE >= 0);
                                CREATE TABLE billing.invoice (
                                    id uuid PRIMARY KEY,
                                    number bigserial NOT NULL,
                                    total billing.money_amount NOT NULL,
                                    created_at timestamptz NOT NULL DEFAULT now(),
                                    updated_at timestamptz NOT NULL DEFAULT now(),
                                    created_by text NOT NULL,
                                    updated_by text NOT NULL,
                                    archived_at timestamptz
                                );
                                CREATE TRIGGER invoice_touch_updated_at BEFORE UPDATE ON billing.invoice
                                    FOR EACH ROW EXECUTE FUNCTION public.keel_touch_updated_at();
                                CREATE TRIGGER invoice_forbid_delete BEFORE DELETE ON billing.invoice
                                    FOR EACH ROW EXECUTE FUNCTION public.keel_forbid_delete();
                                """,
                        Set.of(),
                        "migration/V20260102120000__billing.sql",
                        TIMEOUTS + """
                        CREATE SCHEMA billing;
                        CREATE DOMAIN billing.money_amount AS numeric(12,2)
                            CONSTRAINT money_amount_check CHECK ((VALUE >= (0)::numeric));
                        CREATE SEQUENCE billing.invoice_number_seq AS bigint;
                        CREATE TABLE billing.invoice (
                            id uuid NOT NULL,
                            number bigint DEFAULT nextval('billing.invoice_number_seq'::regclass) NOT NULL,
                            total billing.money_amount NOT NULL,
                            created_at timestamp with time zone DEFAULT now() NOT NULL,
                            updated_at timestamp with time zone DEFAULT now() NOT NULL,
                            created_by text NOT NULL,
                            updated_by text NOT NULL,
                            archived_at timestamp with time zone,
                            CONSTRAINT invoice_pkey PRIMARY KEY (id)
                        );
                        ALTER SEQUENCE billing.invoice_number_seq OWNED BY billing.invoice.number;
                        CREATE TRIGGER invoice_forbid_delete BEFORE DELETE ON billing.invoice FOR EACH ROW EXECUTE FUNCTION public.keel_forbid_delete();
                        CREATE TRIGGER invoice_touch_updated_at BEFORE UPDATE ON billing.invoice FOR EACH ROW EXECUTE FUNCTION public.keel_touch_updated_at();
                        """,
                        "undo/U20260102120000__billing.sql",
                        TIMEOUTS + """
                        ALTER SEQUENCE billing.invoice_number_seq OWNED BY NONE;
                        DROP TABLE billing.invoice;
                        DROP SEQUENCE billing.invoice_number_seq;
                        DROP DOMAIN billing.money_amount;
                        DROP SCHEMA billing;
                        """),
                generates(
                        "count_widgets",
                        schema -> schema + """
                                CREATE MATERIALIZED VIEW public.widget_count AS
                                    SELECT status, count(*) AS widgets FROM public.widget GROUP BY status;
                                CREATE UNIQUE INDEX widget_count_status ON public.widget_count (status);
                                """,
                        Set.of(),
                        "migration/V20260102120000__count_widgets.sql",
                        TIMEOUTS + """
                        CREATE MATERIALIZED VIEW public.widget_count AS
                        SELECT status,
                            count(*) AS widgets
                           FROM public.widget
                          GROUP BY status
                        WITH DATA;
                        CREATE UNIQUE INDEX widget_count_status ON public.widget_count USING btree (status);
                        """,
                        "undo/U20260102120000__count_widgets.sql",
                        TIMEOUTS + """
                        DROP MATERIALIZED VIEW public.widget_count;
                        """),
                generates(
                        "add_view",
                        schema -> schema + "CREATE VIEW public.draft_widget AS SELECT id FROM public.widget"
                                + " WHERE status = 'draft';\n",
                        Set.of(),
                        "migration/V20260102120000__add_view.sql",
                        TIMEOUTS + """
                        CREATE VIEW public.draft_widget AS
                        SELECT id
                           FROM public.widget
                          WHERE (status = 'draft'::public.widget_status);
                        """,
                        "undo/U20260102120000__add_view.sql",
                        TIMEOUTS + """
                        DROP VIEW public.draft_widget;
                        """),
                generates(
                        "view_changed",
                        schema -> replace(
                                schema,
                                "  WHERE (archived_at IS NULL);",
                                "  WHERE (archived_at IS NULL) AND (status <> 'draft'::public.widget_status);"),
                        Set.of(),
                        "migration/V20260102120000__view_changed.sql",
                        TIMEOUTS + """
                        DROP VIEW public.stocked_widget;
                        DROP VIEW public.live_widget;
                        CREATE VIEW public.live_widget AS
                        SELECT id,
                            name,
                            quantity
                           FROM public.widget
                          WHERE ((archived_at IS NULL) AND (status <> 'draft'::public.widget_status));
                        CREATE VIEW public.stocked_widget AS
                        SELECT id,
                            name
                           FROM public.live_widget
                          WHERE (quantity > 0);
                        """,
                        "undo/U20260102120000__view_changed.sql",
                        TIMEOUTS + """
                        DROP VIEW public.stocked_widget;
                        DROP VIEW public.live_widget;
                        CREATE VIEW public.live_widget AS
                        SELECT id,
                            name,
                            quantity
                           FROM public.widget
                          WHERE (archived_at IS NULL);
                        CREATE VIEW public.stocked_widget AS
                        SELECT id,
                            name
                           FROM public.live_widget
                          WHERE (quantity > 0);
                        """),
                refuses(
                        "drop_view",
                        schema -> withoutStatement(schema, "CREATE VIEW public.stocked_widget"),
                        "drop of view public.stocked_widget: the running release may still use it and reads of it"
                                + " fail; ALLOW=drop generates it once no released code uses it"),
                generates(
                        "widen_sku",
                        schema -> replace(
                                schema, "    sku character varying(50),\n", "    sku character varying(100),\n"),
                        Set.of(),
                        "migration/V20260102120000__widen_sku.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ALTER COLUMN sku TYPE character varying(100);
                        """,
                        "undo/U20260102120000__widen_sku.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ALTER COLUMN sku TYPE character varying(50);
                        """),
                generates(
                        "audit_widgets",
                        schema -> schema + """
                                CREATE FUNCTION public.widget_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                                BEGIN
                                    RAISE NOTICE 'widget % changed', NEW.id;
                                    RETURN NEW;
                                END
                                $$;
                                CREATE TRIGGER widget_audit AFTER UPDATE ON public.widget
                                    FOR EACH ROW EXECUTE FUNCTION public.widget_audit();
                                """,
                        Set.of(),
                        "migration/V20260102120000__audit_widgets.sql",
                        TIMEOUTS + """
                        CREATE OR REPLACE FUNCTION public.widget_audit()
                         RETURNS trigger
                         LANGUAGE plpgsql
                        AS $function$
                        BEGIN
                            RAISE NOTICE 'widget % changed', NEW.id;
                            RETURN NEW;
                        END
                        $function$;
                        CREATE TRIGGER widget_audit AFTER UPDATE ON public.widget FOR EACH ROW EXECUTE FUNCTION public.widget_audit();
                        """,
                        "undo/U20260102120000__audit_widgets.sql",
                        TIMEOUTS + """
                        DROP TRIGGER widget_audit ON public.widget;
                        DROP FUNCTION public.widget_audit();
                        """),
                generates(
                        "quiet_owner",
                        schema -> schema + """
                                ALTER TABLE public.owner DISABLE TRIGGER owner_touch_updated_at;
                                ALTER TABLE public.widget SET (fillfactor = 70);
                                """,
                        Set.of(),
                        "migration/V20260102120000__quiet_owner.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget SET (fillfactor=70);
                        ALTER TABLE public.owner DISABLE TRIGGER owner_touch_updated_at;
                        """,
                        "undo/U20260102120000__quiet_owner.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget RESET (fillfactor);
                        ALTER TABLE public.owner ENABLE TRIGGER owner_touch_updated_at;
                        """),
                generates(
                        "bigger_limit",
                        schema -> replace(schema, " RETURNS integer\n", " RETURNS bigint\n"),
                        Set.of(),
                        "migration/V20260102120000__bigger_limit.sql",
                        TIMEOUTS + """
                        DROP FUNCTION public.widget_limit();
                        CREATE OR REPLACE FUNCTION public.widget_limit()
                         RETURNS bigint
                         LANGUAGE sql
                         IMMUTABLE
                        AS $function$SELECT 1000$function$;
                        """,
                        "undo/U20260102120000__bigger_limit.sql",
                        TIMEOUTS + """
                        DROP FUNCTION public.widget_limit();
                        CREATE OR REPLACE FUNCTION public.widget_limit()
                         RETURNS integer
                         LANGUAGE sql
                         IMMUTABLE
                        AS $function$SELECT 1000$function$;
                        """),
                generates(
                        "activate_by_default",
                        schema -> replace(
                                schema,
                                "DEFAULT 'draft'::public.widget_status",
                                "DEFAULT 'active'::public.widget_status"),
                        Set.of(),
                        "migration/V20260102120000__activate_by_default.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ALTER COLUMN status SET DEFAULT 'active'::public.widget_status;
                        """,
                        "undo/U20260102120000__activate_by_default.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget ALTER COLUMN status SET DEFAULT 'draft'::public.widget_status;
                        """),
                generates(
                        "drop_ticket_number",
                        schema -> withoutStatement(
                                withoutStatement(
                                        replace(
                                                schema,
                                                ",\n    number integer DEFAULT nextval('public.ticket_number_seq'::regclass)"
                                                        + " NOT NULL",
                                                ""),
                                        "CREATE SEQUENCE public.ticket_number_seq"),
                                "OWNED BY public.ticket.number"),
                        EnumSet.of(Allowance.DROP),
                        "migration/V20260102120000__drop_ticket_number.sql",
                        TIMEOUTS + """
                        ALTER SEQUENCE public.ticket_number_seq OWNED BY NONE;
                        -- keel:allow drop-column ALLOW=drop: number is gone from db/schema.sql
                        ALTER TABLE public.ticket DROP COLUMN number;
                        DROP SEQUENCE public.ticket_number_seq;
                        """,
                        "undo/U20260102120000__drop_ticket_number.sql",
                        """
                        -- keel:irreversible this migration drops the values of public.ticket.number, which no undo brings back; restore them from a backup (make restore-db)
                        """),
                generates(
                        "describe_quantity",
                        schema -> schema + "COMMENT ON COLUMN public.widget.quantity IS 'How many are in stock.';\n",
                        Set.of(),
                        "migration/V20260102120000__describe_quantity.sql",
                        TIMEOUTS + """
                        COMMENT ON COLUMN public.widget.quantity IS 'How many are in stock.';
                        """,
                        "undo/U20260102120000__describe_quantity.sql",
                        TIMEOUTS + """
                        COMMENT ON COLUMN public.widget.quantity IS NULL;
                        """),
                generates(
                        "rename_legacy_code",
                        schema -> replace(
                                schema,
                                "    legacy_code text,\n",
                                "    -- keel:renamed-from legacy_code\n    old_code text,\n"),
                        Set.of(),
                        "migration/V20260102120000__rename_legacy_code.sql",
                        TIMEOUTS + """
                        -- keel:allow rename-column asked for by a keel:renamed-from hint in db/schema.sql: no running release may use the old name
                        ALTER TABLE public.widget RENAME COLUMN legacy_code TO old_code;
                        """,
                        "undo/U20260102120000__rename_legacy_code.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.widget RENAME COLUMN old_code TO legacy_code;
                        """),
                refuses(
                        "rename_legacy_code",
                        schema -> replace(schema, "    legacy_code text,\n", "    old_code text,\n"),
                        "drop of column public.widget.legacy_code: the running release may still use it and its data"
                                + " is gone; ALLOW=drop generates it once no released code uses it",
                        "not generated yet: column position public.widget (PostgreSQL adds a column at the end:"
                                + " declare new columns last)"),
                generates(
                        "rename_owner",
                        schema -> replace(
                                        schema,
                                        "CREATE TABLE public.owner (",
                                        "CREATE TABLE public.account ( -- keel:renamed-from owner")
                                .replaceAll("public\\.owner\\b", "public.account"),
                        Set.of(),
                        "migration/V20260102120000__rename_owner.sql",
                        TIMEOUTS + """
                        -- keel:allow rename-table asked for by a keel:renamed-from hint in db/schema.sql: no running release may use the old name
                        ALTER TABLE public.owner RENAME TO account;
                        """,
                        "undo/U20260102120000__rename_owner.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.account RENAME TO owner;
                        """),
                generates(
                        "rename_many",
                        schema -> replace(
                                        replace(
                                                replace(
                                                        schema,
                                                        "CREATE TABLE public.owner (",
                                                        "-- keel:renamed-from \"owner\"\n"
                                                                + "CREATE TABLE public.account ("),
                                                "ADD CONSTRAINT owner_pkey",
                                                "ADD CONSTRAINT account_pkey -- keel:renamed-from owner_pkey\n"),
                                        "CREATE INDEX widget_name_idx",
                                        "-- keel:renamed-from widget_name_idx\nCREATE INDEX widget_name_live_idx")
                                .replaceAll("public\\.owner\\b", "public.account"),
                        Set.of(),
                        "migration/V20260102120000__rename_many.sql",
                        TIMEOUTS + """
                        -- keel:allow rename-table asked for by a keel:renamed-from hint in db/schema.sql: no running release may use the old name
                        ALTER TABLE public.owner RENAME TO account;
                        ALTER TABLE public.account RENAME CONSTRAINT owner_pkey TO account_pkey;
                        ALTER INDEX public.widget_name_idx RENAME TO widget_name_live_idx;
                        """,
                        "undo/U20260102120000__rename_many.sql",
                        TIMEOUTS + """
                        ALTER TABLE public.account RENAME CONSTRAINT account_pkey TO owner_pkey;
                        ALTER INDEX public.widget_name_live_idx RENAME TO widget_name_idx;
                        ALTER TABLE public.account RENAME TO owner;
                        """),
                refuses(
                        "drop_owner",
                        GeneratorTest::withoutOwner,
                        "drop of table public.owner: the running release may still use it and its data is gone;"
                                + " ALLOW=drop generates it once no released code uses it"),
                generates(
                        "drop_owner",
                        GeneratorTest::withoutOwner,
                        EnumSet.of(Allowance.DROP),
                        "migration/V20260102120000__drop_owner.sql",
                        TIMEOUTS + """
                        -- keel:allow drop-table ALLOW=drop: public.owner is gone from db/schema.sql
                        DROP TABLE public.owner;
                        """,
                        "undo/U20260102120000__drop_owner.sql",
                        """
                        -- keel:irreversible this migration drops the rows of public.owner, which no undo brings back; restore them from a backup (make restore-db)
                        """));
    }

    /** The owner table and its triggers gone from the file. */
    private static String withoutOwner(String schema) {
        return withoutStatement(schema, "public.owner");
    }

    /** Every statement (the file separates them with a blank line) holding {@code text} gone. */
    private static String withoutStatement(String schema, String text) {
        assertThat(schema).contains(text);
        return java.util.Arrays.stream(schema.split("\n\n"))
                .filter(statement -> !statement.contains(text))
                .collect(java.util.stream.Collectors.joining("\n\n"));
    }

    @TempDir
    Path folder;

    /** The before migrations, applied once: each case starts on a copy, as if it had applied them itself. */
    private static final DatabaseTemplate BEFORE = DatabaseTemplate.of("generator_before", database -> {
        Path scratch = Files.createTempDirectory("keel-generator-before-");
        try {
            new Migrations(
                            new Database(database.jdbcUrl(), database.username(), database.password()),
                            beforeMigrations(scratch))
                    .upQuietly(null);
        } finally {
            Directories.deleteTree(scratch);
        }
    });

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatesTheSafeMigrationAndItsUndo(Case example) throws Exception {
        MigrationFiles files = beforeMigrations(folder);
        PostgresEndpoint database = BEFORE.newDatabase("generator_" + example.name());
        Database migrated = new Database(database.jdbcUrl(), database.username(), database.password());
        DeclaredSchema before = read(database);
        String edited = example.edit().apply(SchemaWriter.write(before));
        DeclaredSchema after = schemaOf(edited);
        List<Renamed> renames = Renames.resolve(RenameHint.in(edited), before, after);
        DeclaredSchema renamed = before;
        if (!renames.isEmpty()) {
            PostgresEndpoint copy = BEFORE.newDatabase("generator_renamed_" + example.name());
            runInOneTransaction(copy, Renames.sql(renames));
            renamed = read(copy);
        }
        DeclaredSchema start = renamed;

        if (!example.refusal().isEmpty()) {
            assertThatThrownBy(() -> Generator.plan(renames, start, after, example.allow()))
                    .isInstanceOfSatisfying(GenerationRefused.class, refused -> assertThat(refused.reasons())
                            .containsExactlyElementsOf(example.refusal()));
            return;
        }
        List<GeneratedFile> generated =
                Generator.plan(renames, start, after, example.allow()).files(VERSION, example.name());
        Map<String, String> written = new LinkedHashMap<>();
        generated.forEach(file -> written.put(file.path(), file.content()));
        assertThat(written).containsExactlyEntriesOf(example.files());

        // Each file applied on its own, as a deploy may stop between them; the catalog noted before each.
        List<String> catalogBefore = new ArrayList<>();
        for (int i = 0; i < generated.size(); i += 2) {
            catalogBefore.add(SchemaWriter.write(read(database).withColumnsByName()));
            for (GeneratedFile file : generated.subList(i, i + 2)) {
                Files.writeString(files.root().resolve(file.path()), file.content());
            }
            new Migrations(migrated, files).upQuietly(null);
        }
        assertThat(files.problems()).isEmpty();
        assertThat(errorsInNewFiles(files)).isEmpty();
        assertThat(SchemaWriter.write(read(database))).isEqualTo(SchemaWriter.write(after));

        // Each undo, newest first, takes the catalog back to what it was before its own file (make migrate-test
        // takes every file down and up again); an irreversible one ends the walk.
        for (int i = generated.size() - 1; i > 0; i -= 2) {
            String undo = generated.get(i).content();
            if (undo.startsWith("-- keel:irreversible")) {
                break;
            }
            runInOneTransaction(database, undo);
            assertThat(SchemaWriter.write(read(database).withColumnsByName()))
                    .as(generated.get(i).path())
                    .isEqualTo(catalogBefore.get(i / 2));
        }
    }

    @Test
    void theLintCheckCatchesAnUnsafeFile() throws Exception {
        MigrationFiles files = beforeMigrations(folder);
        Files.writeString(
                folder.resolve("migration/V" + VERSION + "__unsafe.sql"),
                "CREATE INDEX widget_owner_id_idx ON widget (owner_id);\n");
        Files.writeString(folder.resolve("undo/U" + VERSION + "__unsafe.sql"), "DROP INDEX widget_owner_id_idx;\n");

        assertThat(errorsInNewFiles(files)).extracting(Finding::rule).contains("index-concurrently");
    }

    /** The linter's errors in the files of version {@link #VERSION} and after, every file its own release. */
    private static List<Finding> errorsInNewFiles(MigrationFiles files) {
        return new MigrationLinter(ReleaseHistory.everyFileReleased("test"))
                .lint(files, List.of()).findings().stream()
                        .filter(finding -> finding.file().contains("V" + VERSION.substring(0, 8)))
                        .filter(Finding::isError)
                        .toList();
    }

    private static MigrationFiles beforeMigrations(Path folder) throws Exception {
        Files.createDirectories(folder.resolve("migration"));
        Files.createDirectories(folder.resolve("undo"));
        Files.writeString(folder.resolve("migration/V20260101000000__keel_conventions.sql"), CONVENTIONS);
        Files.writeString(
                folder.resolve("undo/U20260101000000__keel_conventions.sql"), "-- keel:irreversible test base\n");
        Files.writeString(folder.resolve("migration/V20260101000100__base.sql"), BASE);
        Files.writeString(folder.resolve("undo/U20260101000100__base.sql"), "-- keel:irreversible test base\n");
        return new MigrationFiles(folder);
    }

    private static DeclaredSchema read(PostgresEndpoint database) throws Exception {
        try (Connection connection = database.connect()) {
            return CatalogReader.read(connection);
        }
    }

    /** The edited schema.sql loaded into an empty database, as psql would. */
    private static DeclaredSchema schemaOf(String schemaSql) throws Exception {
        PostgresEndpoint database = TestServices.newDatabase("generator_after");
        try (Connection connection = DriverManager.getConnection(
                        database.jdbcUrl() + "?preferQueryMode=simple", database.username(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute(schemaSql);
        }
        return read(database);
    }

    private static void runInOneTransaction(PostgresEndpoint database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(
                        database.jdbcUrl() + "?preferQueryMode=simple", database.username(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute("BEGIN;\n" + sql + "\nCOMMIT;");
        }
    }

    /** A column declared last in the table's CREATE TABLE, where the team adds it. */
    private static String addColumn(String schema, String table, String column) {
        String start = "CREATE TABLE " + table + " (\n";
        int end = schema.indexOf("\n);", schema.indexOf(start));
        return schema.substring(0, end) + ",\n    " + column + schema.substring(end);
    }

    private static String replace(String schema, String old, String replacement) {
        assertThat(schema).contains(old);
        return schema.replace(old, replacement);
    }
}
