-- The example aggregate, following the model checklist: uuid id assigned by the application,
-- created_at, updated_at kept by a trigger, created_by and updated_by set by the application (the
-- default as the team's widget has it, from rows older than the columns), archived_at for soft
-- delete, no hard deletes.

CREATE TABLE widget (
    id                      uuid        PRIMARY KEY,
    name                    text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    status                  text        NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'RETIRED')),
    attachment_key          text,
    attachment_content_type text,
    attachment_size         bigint      CHECK (attachment_size >= 0),
    attachment_sha256       text        CHECK (attachment_sha256 ~ '^[0-9a-f]{64}$'),
    version                 bigint      NOT NULL DEFAULT 0,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    archived_at             timestamptz,
    created_by              text        NOT NULL DEFAULT 'unknown',
    updated_by              text        NOT NULL DEFAULT 'unknown',
    -- An attachment is all four columns or none.
    CONSTRAINT widget_attachment_complete CHECK (
        num_nulls(attachment_key, attachment_content_type, attachment_size, attachment_sha256) IN (0, 4))
);

COMMENT ON TABLE widget IS 'Example aggregate; rows are archived (archived_at), never deleted.';

-- Names are unique among live widgets only: an archived widget frees its name.
CREATE UNIQUE INDEX widget_name_live_key ON widget (name) WHERE archived_at IS NULL;

-- Keyset pages of live widgets, newest first, with and without a status filter.
CREATE INDEX widget_live_id_idx ON widget (id DESC) WHERE archived_at IS NULL;
CREATE INDEX widget_live_status_id_idx ON widget (status, id DESC) WHERE archived_at IS NULL;

CREATE TRIGGER widget_touch_updated_at
    BEFORE UPDATE ON widget
    FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();

CREATE TRIGGER widget_forbid_delete
    BEFORE DELETE ON widget
    FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();
