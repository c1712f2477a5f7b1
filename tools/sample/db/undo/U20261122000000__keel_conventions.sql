-- Undo of V20261122000000__keel_conventions.sql.
DROP FUNCTION keel_forbid_delete();
DROP FUNCTION keel_touch_updated_at();
