BEGIN;

CREATE TABLE alembic_version (
    version_num VARCHAR(32) NOT NULL, 
    CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);

-- Running upgrade  -> 5b1f0c2d9e01

CREATE TABLE author (
    id UUID NOT NULL, 
    name TEXT NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL, 
    created_by TEXT NOT NULL, 
    updated_by TEXT NOT NULL, 
    archived_at TIMESTAMP WITH TIME ZONE, 
    PRIMARY KEY (id)
);

CREATE TRIGGER author_touch BEFORE UPDATE ON author FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();

CREATE TRIGGER author_forbid BEFORE DELETE ON author FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();

INSERT INTO alembic_version (version_num) VALUES ('5b1f0c2d9e01') RETURNING alembic_version.version_num;

-- Running upgrade 5b1f0c2d9e01 -> 7c2e4a6b8d10

SET LOCAL lock_timeout = '5s';

ALTER TABLE author RENAME name TO full_name;

ALTER TABLE author ADD COLUMN email TEXT;

UPDATE alembic_version SET version_num='7c2e4a6b8d10' WHERE alembic_version.version_num = '5b1f0c2d9e01';

-- Running upgrade 7c2e4a6b8d10 -> 3a9c0e1f2b7d

COMMIT;

CREATE INDEX CONCURRENTLY author_email_idx ON author (email);

BEGIN;

UPDATE alembic_version SET version_num='3a9c0e1f2b7d' WHERE alembic_version.version_num = '7c2e4a6b8d10';

COMMIT;

