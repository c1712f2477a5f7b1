-- The schema the migrations produce, written by keel-migrate from PostgreSQL's catalog. To change the
-- schema, edit this file the way it should look and run make migrate-create NAME=...: it writes the
-- migration and its undo, then rewrites this file (make migrate-up and make migrate-schema do too). A
-- rename needs a hint, -- keel:renamed-from old_name, on the line before the object or at its end.
-- make migrate-drift (part of make verify) fails when this file and the migrations disagree.

-- As pg_dump: function bodies are checked when they run, so a function may name a table defined below.
SET check_function_bodies = false;

-- Functions

CREATE OR REPLACE FUNCTION public.keel_forbid_delete()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    RAISE EXCEPTION 'rows of % are never deleted: archive them (set archived_at) instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$function$;

CREATE OR REPLACE FUNCTION public.keel_touch_updated_at()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$function$;

-- Tables

CREATE TABLE public.widget (
    id uuid NOT NULL,
    name text NOT NULL,
    status text NOT NULL,
    attachment_key text,
    attachment_content_type text,
    attachment_size bigint,
    attachment_sha256 text,
    version bigint DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    archived_at timestamp with time zone,
    created_by text DEFAULT 'unknown'::text NOT NULL,
    updated_by text DEFAULT 'unknown'::text NOT NULL
);

-- Constraints

ALTER TABLE public.widget ADD CONSTRAINT widget_pkey PRIMARY KEY (id);

ALTER TABLE public.widget ADD CONSTRAINT widget_attachment_complete CHECK ((num_nulls(attachment_key, attachment_content_type, attachment_size, attachment_sha256) = ANY (ARRAY[0, 4])));

ALTER TABLE public.widget ADD CONSTRAINT widget_attachment_sha256_check CHECK ((attachment_sha256 ~ '^[0-9a-f]{64}$'::text));

ALTER TABLE public.widget ADD CONSTRAINT widget_attachment_size_check CHECK ((attachment_size >= 0));

ALTER TABLE public.widget ADD CONSTRAINT widget_name_check CHECK (((char_length(name) >= 1) AND (char_length(name) <= 200)));

ALTER TABLE public.widget ADD CONSTRAINT widget_status_check CHECK ((status = ANY (ARRAY['DRAFT'::text, 'ACTIVE'::text, 'RETIRED'::text])));

-- Indexes

CREATE INDEX widget_live_id_idx ON public.widget USING btree (id DESC) WHERE (archived_at IS NULL);

CREATE INDEX widget_live_status_id_idx ON public.widget USING btree (status, id DESC) WHERE (archived_at IS NULL);

CREATE UNIQUE INDEX widget_name_live_key ON public.widget USING btree (name) WHERE (archived_at IS NULL);

-- Triggers

CREATE TRIGGER widget_forbid_delete BEFORE DELETE ON public.widget FOR EACH ROW EXECUTE FUNCTION public.keel_forbid_delete();

CREATE TRIGGER widget_touch_updated_at BEFORE UPDATE ON public.widget FOR EACH ROW EXECUTE FUNCTION public.keel_touch_updated_at();

-- Comments

COMMENT ON FUNCTION public.keel_forbid_delete() IS 'BEFORE DELETE trigger: refuses hard deletes of domain rows, even from psql.';

COMMENT ON FUNCTION public.keel_touch_updated_at() IS 'BEFORE UPDATE trigger: sets updated_at to the transaction time.';

COMMENT ON TABLE public.widget IS 'Example aggregate; rows are archived (archived_at), never deleted.';
