-- Who did it: the subject of the token behind each widget's creation and last change, set by the
-- application. The constant default is instant (no rewrite) and fills the rows from before; it stays
-- while the previous release, which sets neither column, still inserts during the deploy.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE public.widget ADD COLUMN created_by text DEFAULT 'unknown'::text NOT NULL;
ALTER TABLE public.widget ADD COLUMN updated_by text DEFAULT 'unknown'::text NOT NULL;
