package dev.keel.tools.lint;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every rule the migration checker applies: its id (what keel:allow names), severity, why it
 * matters on a live database, and the safe alternative. docs/migration-rules.md explains each.
 */
public enum Rule {

    // PostgreSQL only
    POSTGRES_ONLY(
            "postgres-only",
            Severity.ERROR,
            "Keel's migrations run on PostgreSQL only; syntax from another database fails at deploy or means something else.",
            "Write the PostgreSQL form named in the message."),

    // How Flyway runs the file
    TRANSACTION_CONTROL(
            "transaction-control",
            Severity.ERROR,
            "Flyway already wraps each file in a transaction; a BEGIN or COMMIT inside it ends that transaction early, "
                    + "so a later failure leaves the file half-applied.",
            "Remove it; a statement that cannot run in a transaction goes in a file of its own starting with "
                    + "-- keel:non-transactional."),
    NON_TRANSACTIONAL_UNDECLARED(
            "non-transactional-undeclared",
            Severity.ERROR,
            "This statement cannot run inside a transaction, and the file does not say that it runs without one, "
                    + "or Flyway does not know it and would wrap the file in a transaction that PostgreSQL refuses.",
            "Put it alone in a migration whose first line is -- keel:non-transactional; for REINDEX ... CONCURRENTLY "
                    + "and DETACH PARTITION ... CONCURRENTLY also add V<version>__<name>.sql.conf holding "
                    + "executeInTransaction=false."),
    MIXED_TRANSACTION(
            "mixed-transaction",
            Severity.ERROR,
            "Flyway refuses a file that mixes statements that need a transaction with one that cannot have one, and "
                    + "a file run without a transaction that holds several statements is left half-applied when one fails.",
            "Split it: the non-transactional statement alone in its own migration, with nothing else, not even a SET."),
    NEEDLESS_NON_TRANSACTIONAL(
            "needless-non-transactional",
            Severity.ERROR,
            "The file declares -- keel:non-transactional, but Flyway runs it in a transaction: the header promises "
                    + "what does not happen, and Keel's tools would reason about the file wrongly.",
            "Remove the header (the file then runs in one transaction), or keep only the statement that needs it."),
    SESSION_SET(
            "session-set",
            Severity.WARNING,
            "Flyway runs every pending migration on one connection: a plain SET outlives this file and changes the "
                    + "ones after it.",
            "Use SET LOCAL (or set_config(..., true)) so the setting ends with this file's transaction."),
    SET_LOCAL_WITHOUT_TRANSACTION(
            "set-local-without-transaction",
            Severity.ERROR,
            "This file runs without a transaction, where SET LOCAL has no effect: the timeout you meant to set is not set.",
            "A non-transactional file holds its one statement only; the CONCURRENTLY forms need no lock_timeout."),
    LOCK_TIMEOUT(
            "lock-timeout",
            Severity.ERROR,
            "A DDL statement waits for its lock behind every running transaction, and every query after it queues "
                    + "behind the wait: one long transaction turns a quick ALTER into an outage.",
            "SET LOCAL lock_timeout = '5s'; at the top of the file, and retry the deploy if it times out."),
    STATEMENT_TIMEOUT(
            "statement-timeout",
            Severity.ERROR,
            "Without a statement_timeout a statement that holds a table-wide lock longer than expected keeps "
                    + "holding it, with every query on the table waiting.",
            "SET LOCAL statement_timeout = '60s'; (or what the statement needs) before it."),

    // Locks and rewrites on a live database
    INDEX_CONCURRENTLY(
            "index-concurrently",
            Severity.ERROR,
            "CREATE INDEX without CONCURRENTLY blocks every write to the table for the whole build.",
            "CREATE INDEX CONCURRENTLY, alone in a -- keel:non-transactional migration."),
    DROP_INDEX_CONCURRENTLY(
            "drop-index-concurrently",
            Severity.ERROR,
            "DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table: reads and writes wait.",
            "DROP INDEX CONCURRENTLY, alone in a -- keel:non-transactional migration."),
    REINDEX_CONCURRENTLY(
            "reindex-concurrently",
            Severity.ERROR,
            "REINDEX without CONCURRENTLY blocks writes to the table, and reads that use the index, for the whole rebuild.",
            "REINDEX ... CONCURRENTLY, alone in a -- keel:non-transactional migration with a V<version>__<name>.sql.conf "
                    + "holding executeInTransaction=false (Flyway does not know REINDEX CONCURRENTLY needs it)."),
    VOLATILE_DEFAULT(
            "volatile-default",
            Severity.ERROR,
            "Adding a column whose default is volatile (random(), gen_random_uuid(), clock_timestamp(), nextval()) "
                    + "rewrites the whole table under an ACCESS EXCLUSIVE lock. Constant and stable defaults such as "
                    + "now() do not, since PostgreSQL 11.",
            "Add the column without a default (or with a constant), SET DEFAULT for new rows, and backfill existing "
                    + "rows in batches."),
    REWRITING_TYPE_CHANGE(
            "rewriting-type-change",
            Severity.ERROR,
            "Changing a column's type rewrites the table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, "
                    + "except for the binary-compatible changes (widening varchar, varchar to text, raising numeric "
                    + "precision, cidr to inet), which still rebuild the column's indexes that have an expression or a "
                    + "predicate, as a change to the same type does.",
            "Expand and contract: add a column of the new type, write both, backfill in batches, switch reads, "
                    + "then drop the old column in a later release."),
    SET_NOT_NULL(
            "set-not-null",
            Severity.ERROR,
            "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock, unless a validated "
                    + "CHECK (column IS NOT NULL) already proves it.",
            "ADD CONSTRAINT ... CHECK (column IS NOT NULL) NOT VALID; VALIDATE it in a later migration; then SET NOT "
                    + "NULL (instant) and drop the CHECK."),
    REQUIRED_COLUMN_WITHOUT_DEFAULT(
            "required-column-without-default",
            Severity.ERROR,
            "Adding a NOT NULL column without a default fails on any table that has rows, and the running release "
                    + "does not write the column either.",
            "Add it nullable (or with a constant DEFAULT), backfill, then enforce NOT NULL through a validated CHECK."),
    CONSTRAINT_NOT_VALID(
            "constraint-not-valid",
            Severity.ERROR,
            "Adding a foreign key or CHECK to an existing table checks every row while holding a lock that blocks "
                    + "writes (and, for a foreign key, writes to the referenced table too).",
            "ADD CONSTRAINT ... NOT VALID (instant), then VALIDATE CONSTRAINT in a later migration, which allows writes."),
    VALIDATE_IN_SAME_TRANSACTION(
            "validate-in-same-transaction",
            Severity.ERROR,
            "VALIDATE in the same transaction as ADD ... NOT VALID keeps the ADD's lock for the whole scan, which is "
                    + "what NOT VALID was meant to avoid.",
            "VALIDATE CONSTRAINT in a later migration."),
    UNIQUE_ON_EXISTING_TABLE(
            "unique-on-existing-table",
            Severity.ERROR,
            "Adding a UNIQUE or PRIMARY KEY constraint builds its index while blocking reads and writes.",
            "CREATE UNIQUE INDEX CONCURRENTLY in its own migration, then ADD CONSTRAINT ... UNIQUE USING INDEX "
                    + "(or PRIMARY KEY USING INDEX)."),
    EXCLUSION_CONSTRAINT(
            "exclusion-constraint",
            Severity.ERROR,
            "An exclusion constraint cannot be NOT VALID: adding one checks every row under an ACCESS EXCLUSIVE lock.",
            "Add it when the table is created, or enforce the rule in the application and backfill-check it first."),
    TABLE_REWRITE(
            "table-rewrite",
            Severity.ERROR,
            "This statement rewrites or locks the whole table (VACUUM FULL, CLUSTER, REFRESH MATERIALIZED VIEW, "
                    + "LOCK TABLE, a stored generated or identity column, SET TABLESPACE, SET LOGGED or UNLOGGED, "
                    + "SET ACCESS METHOD, SET EXPRESSION) while reads and writes wait.",
            "Use the online form (REFRESH ... CONCURRENTLY, pg_repack) or expand and contract with a new column."),
    WORK_AFTER_EXCLUSIVE_LOCK(
            "work-after-exclusive-lock",
            Severity.ERROR,
            "Locks are held until the transaction commits: work after an ACCESS EXCLUSIVE lock keeps the table "
                    + "unreadable for as long as that work takes.",
            "Take the ACCESS EXCLUSIVE lock last in the file, or move the other work to a migration of its own."),
    UNBATCHED_BACKFILL(
            "unbatched-backfill",
            Severity.WARNING,
            "An UPDATE of an existing table in a migration rewrites every matching row in one transaction, holding "
                    + "row locks and bloating the table.",
            "Backfill in keyset batches outside the schema migration, with a pause between batches: "
                    + "make backfill FILE=migrations/src/main/resources/db/backfill/<name>.sql."),

    // Changes the running release cannot survive
    RENAME_COLUMN(
            "rename-column",
            Severity.ERROR,
            "The release still running during the deploy queries the old name and fails.",
            "Expand and contract: add the new column, write both, backfill, switch reads, drop the old one later."),
    RENAME_TABLE(
            "rename-table",
            Severity.ERROR,
            "The release still running during the deploy queries the old name and fails.",
            "Create the new table (or a view under the old name), move the code over, drop the old name later."),
    DROP_COLUMN(
            "drop-column",
            Severity.ERROR,
            "The release still running during the deploy may still read or write the column and fails.",
            "Stop using the column in one release, drop it in a later one (mark that migration with keel:allow)."),
    DROP_TABLE(
            "drop-table",
            Severity.ERROR,
            "The release still running may still use the table, and its rows are gone for good.",
            "Stop using the table in one release; archive or rename it, and drop it in a later one."),
    DROP_SCHEMA(
            "drop-schema",
            Severity.ERROR,
            "Drops every object in the schema, data included.",
            "Drop the objects one by one, each after the code stopped using it."),
    DROP_NOT_NULL(
            "drop-not-null",
            Severity.WARNING,
            "The running release may read the column assuming it is never null.",
            "Ship code that copes with NULL first, then drop the constraint."),
    TRUNCATE_CASCADE(
            "truncate-cascade",
            Severity.ERROR,
            "TRUNCATE ... CASCADE also empties every table that references this one, however far the chain goes.",
            "Name the tables to empty, or archive rows instead."),
    ENUM_VALUE_POSITION(
            "enum-value-position",
            Severity.WARNING,
            "ADD VALUE without BEFORE or AFTER appends the value, and enum comparison and ORDER BY follow "
                    + "declaration order, not the order you may expect.",
            "Say where it goes: ADD VALUE 'x' BEFORE 'y' (or AFTER), or use text with a CHECK."),

    // Types
    PREFER_JSONB(
            "prefer-jsonb",
            Severity.WARNING,
            "json stores text as written: no indexes, no equality, every access reparses it.",
            "Use jsonb."),
    INT_KEY(
            "int-key",
            Severity.ERROR,
            "An int or serial key runs out at 2,147,483,647 rows, and widening it later rewrites the table and "
                    + "every referencing one.",
            "Use uuid (Keel's UUIDv7, assigned by the application) or bigint GENERATED ALWAYS AS IDENTITY."),
    VARCHAR_LENGTH(
            "varchar-length",
            Severity.WARNING,
            "varchar(n) costs the same as text, and changing n later is a migration (narrowing rewrites).",
            "Use text, with CHECK (char_length(col) <= n) when a limit is a real rule."),
    CHAR_TYPE(
            "char-type",
            Severity.WARNING,
            "char(n) pads with spaces, which leak into comparisons and the application.",
            "Use text (with a CHECK on the length if it matters)."),
    TIMESTAMP_WITHOUT_TIME_ZONE(
            "timestamp-without-time-zone",
            Severity.ERROR,
            "timestamp without time zone stores wall-clock time with no zone: values shift with the session's TimeZone.",
            "Use timestamptz."),
    IDENTIFIER_TOO_LONG(
            "identifier-too-long",
            Severity.ERROR,
            "PostgreSQL silently truncates identifiers to 63 bytes, so two long names can collide and code "
                    + "using the full name never finds the object.",
            "Use a name of at most 63 bytes."),

    // Keel's conventions
    MODEL_CHECKLIST(
            "model-checklist",
            Severity.ERROR,
            "Every domain table follows the model checklist, which the repositories, the soft-delete rules and the "
                    + "record of who did what rely on.",
            "id uuid PRIMARY KEY, created_at and updated_at timestamptz NOT NULL DEFAULT now(), created_by and "
                    + "updated_by text NOT NULL (set by the application), archived_at timestamptz, and the "
                    + "keel_touch_updated_at and keel_forbid_delete triggers in the same file (make "
                    + "migrate-create-manual writes them); a table created before created_by and updated_by joined "
                    + "the checklist passes once a later migration adds both."),
    HARD_DELETE(
            "hard-delete",
            Severity.ERROR,
            "Domain rows are archived, never deleted: history, audits and references depend on them. The "
                    + "keel_forbid_delete trigger makes a DELETE fail at deploy; TRUNCATE fires no row trigger and "
                    + "succeeds.",
            "UPDATE ... SET archived_at = now() instead."),

    // The checker itself
    SYNTAX("syntax", Severity.ERROR, "The file cannot be read as PostgreSQL.", "Fix the SQL at the position given."),
    SUPPRESSION_WITHOUT_REASON(
            "suppression-without-reason",
            Severity.ERROR,
            "A keel:allow without a reason leaves the next reader guessing why the danger is acceptable.",
            "-- keel:allow <rule-id> <why it is safe here>"),
    UNKNOWN_RULE(
            "unknown-rule",
            Severity.ERROR,
            "A keel:allow naming no rule suppresses nothing.",
            "Use a rule id from docs/migration-rules.md."),
    UNUSED_SUPPRESSION(
            "unused-suppression",
            Severity.WARNING,
            "This keel:allow suppresses nothing: the statement after it breaks no such rule (any more).",
            "Remove it."),

    // Seen by the trace on a real PostgreSQL
    TRACE_EXCLUSIVE_LOCK(
            "trace-exclusive-lock",
            Severity.ERROR,
            "Replaying the migration took an ACCESS EXCLUSIVE lock on a table that existed before it, which no "
                    + "static rule reported.",
            "Find the statement's safe recipe in docs/migration-rules.md, or keel:allow it with the reason."),
    TRACE_REWRITE(
            "trace-rewrite",
            Severity.ERROR,
            "Replaying the migration rewrote a table or index that existed before it (its relfilenode changed), "
                    + "which no static rule reported.",
            "Expand and contract instead of rewriting in place (docs/migration-rules.md)."),
    TRACE_WRITE_LOCK(
            "trace-write-lock",
            Severity.ERROR,
            "Replaying the migration took a lock that blocks writes (SHARE or stronger) on a table that existed "
                    + "before it, which no static rule reported.",
            "Use the CONCURRENTLY / NOT VALID form (docs/migration-rules.md).");

    private final String id;
    private final Severity severity;
    private final String why;
    private final String fix;

    Rule(String id, Severity severity, String why, String fix) {
        this.id = id;
        this.severity = severity;
        this.why = why;
        this.fix = fix;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String why() {
        return why;
    }

    public String fix() {
        return fix;
    }

    /**
     * Keel's house conventions rather than hazards: the model checklist and soft delete, and its
     * choice of types and enum order. They hold a team's own migrations to Keel's model; a history
     * another tool wrote ({@code lint --history}) is checked for hazards only unless asked.
     */
    public boolean isConvention() {
        return switch (this) {
            case MODEL_CHECKLIST, HARD_DELETE, VARCHAR_LENGTH, CHAR_TYPE, PREFER_JSONB, ENUM_VALUE_POSITION -> true;
            default -> false;
        };
    }

    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(rule -> rule.id.equals(id)).findFirst();
    }
}
