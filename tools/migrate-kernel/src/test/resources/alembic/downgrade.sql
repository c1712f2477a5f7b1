BEGIN;

-- Running downgrade 3a9c0e1f2b7d -> 7c2e4a6b8d10

DROP INDEX author_email_idx;

UPDATE alembic_version SET version_num='7c2e4a6b8d10' WHERE alembic_version.version_num = '3a9c0e1f2b7d';

-- Running downgrade 7c2e4a6b8d10 -> 5b1f0c2d9e01

SET LOCAL lock_timeout = '5s';

ALTER TABLE author DROP COLUMN email;

ALTER TABLE author RENAME full_name TO name;

UPDATE alembic_version SET version_num='5b1f0c2d9e01' WHERE alembic_version.version_num = '7c2e4a6b8d10';

-- Running downgrade 5b1f0c2d9e01 -> 

DROP TABLE author;

DELETE FROM alembic_version WHERE alembic_version.version_num = '5b1f0c2d9e01';

DROP TABLE alembic_version;

COMMIT;

