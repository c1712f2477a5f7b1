-- Helpers every domain table uses (the model checklist in the README):
-- updated_at is kept by a trigger, and domain rows are archived, never deleted.

CREATE FUNCTION keel_touch_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

COMMENT ON FUNCTION keel_touch_updated_at() IS
    'BEFORE UPDATE trigger: sets updated_at to the transaction time.';

CREATE FUNCTION keel_forbid_delete() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'rows of % are never deleted: archive them (set archived_at) instead', TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;

COMMENT ON FUNCTION keel_forbid_delete() IS
    'BEFORE DELETE trigger: refuses hard deletes of domain rows, even from psql.';
