package dev.keel.tools.migration;

/** The starting text of a new migration and its undo: the model checklist, ready to edit. */
public final class Templates {

    private Templates() {}

    public static String migration(String name) {
        String table = name.replaceFirst("^(create|add)_", "").replaceFirst("_table$", "");
        return """
                -- %s
                -- The model checklist for a new table (delete what does not apply):
                --   id uuid PRIMARY KEY, assigned by the application (UUIDv7), never by the database
                --   created_at, updated_at (kept by keel_touch_updated_at), archived_at for soft delete
                --   keel_forbid_delete: rows are archived, never deleted
                --   partial indexes WHERE archived_at IS NULL for what lists and uniqueness need
                -- On a live database: set lock_timeout, and CREATE INDEX CONCURRENTLY in a migration of its own.

                CREATE TABLE %s (
                    id          uuid        PRIMARY KEY,
                    created_at  timestamptz NOT NULL DEFAULT now(),
                    updated_at  timestamptz NOT NULL DEFAULT now(),
                    archived_at timestamptz
                );

                CREATE TRIGGER %s_touch_updated_at
                    BEFORE UPDATE ON %s
                    FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();

                CREATE TRIGGER %s_forbid_delete
                    BEFORE DELETE ON %s
                    FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();
                """.formatted(name.replace('_', ' '), table, table, table, table, table);
    }

    public static String undo(String migrationFile) {
        return """
                -- Undo of %s: put the schema back exactly as it was before it.
                -- Runs in one transaction with the removal of its history row.

                """.formatted(migrationFile);
    }
}
