package dev.keel.tools.migration;

/**
 * The starting text of a new migration and its undo: the model checklist, ready to edit. Both come
 * from one {@link NewTable}, so the undo drops what the migration creates and the two cannot drift.
 */
public final class Templates {

    private Templates() {}

    /** {@code name} as SQL writes an identifier: quoted when it is one of PostgreSQL's reserved key words. */
    public static String sqlIdentifier(String name) {
        return RESERVED.contains(name) ? "\"" + name + "\"" : name;
    }

    /** A migration and its undo, as make migrate-create-manual writes them. */
    public record Pair(String migration, String undo) {}

    /**
     * PostgreSQL's reserved key words (also those that may only name a function or a type): a table named one is
     * quoted, as {@code create_user} makes {@code "user"}.
     */
    private static final java.util.Set<String> RESERVED = java.util.Set.of(
            "all",
            "analyse",
            "analyze",
            "and",
            "any",
            "array",
            "as",
            "asc",
            "asymmetric",
            "authorization",
            "binary",
            "both",
            "case",
            "cast",
            "check",
            "collate",
            "collation",
            "column",
            "concurrently",
            "constraint",
            "create",
            "cross",
            "current_catalog",
            "current_date",
            "current_role",
            "current_schema",
            "current_time",
            "current_timestamp",
            "current_user",
            "default",
            "deferrable",
            "desc",
            "distinct",
            "do",
            "else",
            "end",
            "except",
            "false",
            "fetch",
            "for",
            "foreign",
            "freeze",
            "from",
            "full",
            "grant",
            "group",
            "having",
            "ilike",
            "in",
            "initially",
            "inner",
            "intersect",
            "into",
            "is",
            "isnull",
            "join",
            "lateral",
            "leading",
            "left",
            "like",
            "limit",
            "localtime",
            "localtimestamp",
            "natural",
            "not",
            "notnull",
            "null",
            "offset",
            "on",
            "only",
            "or",
            "order",
            "outer",
            "overlaps",
            "placing",
            "primary",
            "references",
            "returning",
            "right",
            "select",
            "session_user",
            "similar",
            "some",
            "symmetric",
            "system_user",
            "table",
            "tablesample",
            "then",
            "to",
            "trailing",
            "true",
            "union",
            "unique",
            "user",
            "using",
            "variadic",
            "verbose",
            "when",
            "where",
            "window",
            "with");

    /** The table a migration named {@code add_gadgets_table} creates: {@code gadgets}. */
    public record NewTable(String name) {

        public static NewTable forMigration(String migrationName) {
            return new NewTable(migrationName.replaceFirst("^(create|add)_", "").replaceFirst("_table$", ""));
        }

        /** The name as SQL writes it: quoted when it is a reserved word. */
        String identifier() {
            return sqlIdentifier(name);
        }

        String migration(String title) {
            return """
                    -- %s
                    -- The model checklist for a new table (delete what does not apply):
                    --   id uuid PRIMARY KEY, assigned by the application (UUIDv7), never by the database
                    --   created_at, updated_at (kept by keel_touch_updated_at), archived_at for soft delete
                    --   created_by, updated_by: who created the row and who changed it last (the token's
                    --     subject), always set by the application, so no default
                    --   keel_forbid_delete: rows are archived, never deleted
                    --   partial indexes WHERE archived_at IS NULL for what lists and uniqueness need
                    -- On a live database: set lock_timeout, and CREATE INDEX CONCURRENTLY in a migration of its own.
                    -- Change its undo with it: make migrate-down runs the undo, make migrate-test proves it.

                    CREATE TABLE %3$s (
                        id          uuid        PRIMARY KEY,
                        created_at  timestamptz NOT NULL DEFAULT now(),
                        updated_at  timestamptz NOT NULL DEFAULT now(),
                        created_by  text        NOT NULL,
                        updated_by  text        NOT NULL,
                        archived_at timestamptz
                    );

                    CREATE TRIGGER %2$s_touch_updated_at
                        BEFORE UPDATE ON %3$s
                        FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();

                    CREATE TRIGGER %2$s_forbid_delete
                        BEFORE DELETE ON %3$s
                        FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();
                    """.formatted(title, name, identifier());
        }

        String undo(String migrationFile) {
            return """
                    -- Undo of %s: put the schema back exactly as it was before it.
                    -- Runs in one transaction with the removal of its history row. Dropping the table drops its
                    -- indexes and triggers; undo in reverse order whatever else the migration gains.
                    -- Data nothing can bring back? Replace the statements with: %s <reason>

                    DROP TABLE %s;
                    """.formatted(migrationFile, UndoScript.IRREVERSIBLE, identifier());
        }
    }

    /** The pair for migration {@code name} (such as add_gadgets_table), written to {@code migrationFile}. */
    public static Pair pair(String name, String migrationFile) {
        return new Pair(migration(name), NewTable.forMigration(name).undo(migrationFile));
    }

    public static String migration(String name) {
        return NewTable.forMigration(name).migration(name.replace('_', ' '));
    }
}
