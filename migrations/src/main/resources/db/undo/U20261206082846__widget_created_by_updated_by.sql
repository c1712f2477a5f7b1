SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '60s';

ALTER TABLE public.widget DROP COLUMN created_by;
ALTER TABLE public.widget DROP COLUMN updated_by;
