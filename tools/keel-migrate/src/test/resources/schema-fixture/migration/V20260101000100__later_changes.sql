-- Changes after the fact: a dropped column leaves a hole in the column numbers, which the dump closes.
ALTER TABLE customer ADD COLUMN nickname text;
ALTER TABLE customer DROP COLUMN nickname;
ALTER TABLE customer ADD COLUMN rank smallint NOT NULL DEFAULT 1;
ALTER TYPE billing.state ADD VALUE 'refunded' AFTER 'paid';
