-- Example backfill: trims stray spaces from widget names, one batch of widget ids at a time.
-- Run it: make backfill FILE=migrations/src/main/resources/db/backfill/widget_example.sql
--
-- The directive below names the table and the unique key to walk (the primary key), how many keys
-- a batch takes and how long to pause between batches. Each batch binds :after and :upto to its
-- keys, so the statement filters to id > :after AND id <= :upto. Flyway never reads this folder.
--
-- Idempotent and harmless: a trimmed name is left alone, and so is one whose trimmed form would be
-- empty (the CHECK) or is a live widget's name (the unique index). version moves as the application's
-- updates move it, so an edit based on the old name fails its version check instead of undoing this,
-- and updated_by says the change was the application's own ('system', as Actor.system()).
-- keel:backfill table=widget key=id batch=1000 sleep=200ms
UPDATE widget
   SET name = btrim(name), updated_by = 'system', version = version + 1
 WHERE id > :after AND id <= :upto
   AND name <> btrim(name)
   AND btrim(name) <> ''
   AND NOT EXISTS (SELECT 1 FROM widget live WHERE live.name = btrim(widget.name) AND live.archived_at IS NULL);
