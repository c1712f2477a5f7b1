package dev.keel.tools.lint;

import static dev.keel.tools.lint.IndexRebuild.ALL;
import static dev.keel.tools.lint.IndexRebuild.EXPRESSION_OR_PREDICATE;
import static dev.keel.tools.lint.IndexRebuild.NAMED;
import static dev.keel.tools.lint.IndexRebuild.ON_COLUMN;
import static dev.keel.tools.lint.TableLockMode.ACCESS_EXCLUSIVE;
import static dev.keel.tools.lint.TableLockMode.ACCESS_SHARE;
import static dev.keel.tools.lint.TableLockMode.EXCLUSIVE;
import static dev.keel.tools.lint.TableLockMode.NONE;
import static dev.keel.tools.lint.TableLockMode.ROW_EXCLUSIVE;
import static dev.keel.tools.lint.TableLockMode.SHARE;
import static dev.keel.tools.lint.TableLockMode.SHARE_ROW_EXCLUSIVE;
import static dev.keel.tools.lint.TableLockMode.SHARE_UPDATE_EXCLUSIVE;

import dev.keel.tools.sql.Operation;

/**
 * The lock table: for every kind of statement the parser tells apart, the strongest lock it takes
 * on the live tables it touches, whether it writes a table anew (rewrites), reads every row
 * (scans), and which existing indexes it rebuilds. The rules read locks and these facts from here.
 *
 * <p>Each row was measured on PostgreSQL 17 by running its sample against a populated table with
 * plain, unique, partial and expression indexes (pg_locks inside the open transaction, relfilenode
 * before and after, rows read from pg_stat_get_xact_tuples_returned); LockTableTraceTest in
 * keel-migrate runs every sample again and fails when a row says otherwise. docs/lock-table.md
 * shows the table.
 */
enum StatementKind {
    // parser kind, lock, rewrites, scans, rebuilds, sample (on the fixture: t, p, u, ev, ev_2025, mv)
    CREATE_TABLE(Operation.CreateTable.class, NONE, false, false, IndexRebuild.NONE, "CREATE TABLE x (id bigint)"),
    CREATE_TABLE_REFERENCING(
            Operation.CreateTable.class,
            SHARE_ROW_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "CREATE TABLE x (id bigint, p_id bigint REFERENCES p (id))"),
    CREATE_TABLE_LIKE(
            Operation.CreateTable.class, ACCESS_SHARE, false, false, IndexRebuild.NONE, "CREATE TABLE x (LIKE t)"),
    CREATE_TABLE_PARTITION_OF(
            Operation.CreateTable.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "CREATE TABLE ev_2027 PARTITION OF ev FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')"),
    CREATE_TABLE_AS(
            Operation.CreateTable.class,
            ACCESS_SHARE,
            false,
            true,
            IndexRebuild.NONE,
            "CREATE MATERIALIZED VIEW x AS SELECT id, n FROM t"),

    ADD_COLUMN(
            Operation.AddColumn.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD COLUMN c text"),
    ADD_COLUMN_CONSTANT_DEFAULT(
            Operation.AddColumn.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD COLUMN c timestamptz NOT NULL DEFAULT now()"),
    ADD_COLUMN_VOLATILE_DEFAULT(
            Operation.AddColumn.class,
            ACCESS_EXCLUSIVE,
            true,
            true,
            ALL,
            "ALTER TABLE t ADD COLUMN c double precision DEFAULT random()"),
    ADD_COLUMN_GENERATED(
            Operation.AddColumn.class,
            ACCESS_EXCLUSIVE,
            true,
            true,
            ALL,
            "ALTER TABLE t ADD COLUMN c integer GENERATED ALWAYS AS (n * 2) STORED"),
    ADD_COLUMN_UNIQUE(
            Operation.AddColumn.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD COLUMN c text UNIQUE"),
    ADD_COLUMN_REFERENCES(
            Operation.AddColumn.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD COLUMN c bigint REFERENCES p (id)"),
    ADD_COLUMN_CHECK(
            Operation.AddColumn.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD COLUMN c integer CHECK (c > 0)"),
    DROP_COLUMN(
            Operation.DropColumn.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t DROP COLUMN note"),
    ALTER_COLUMN_TYPE_REWRITING(
            Operation.AlterColumnType.class,
            ACCESS_EXCLUSIVE,
            true,
            true,
            ALL,
            "ALTER TABLE t ALTER COLUMN price TYPE numeric(8, 2)"),
    ALTER_COLUMN_TYPE_BINARY_COERCIBLE(
            Operation.AlterColumnType.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            EXPRESSION_OR_PREDICATE,
            "ALTER TABLE t ALTER COLUMN code TYPE text"),
    ALTER_COLUMN_TYPE_SAME(
            Operation.AlterColumnType.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            EXPRESSION_OR_PREDICATE,
            "ALTER TABLE t ALTER COLUMN name TYPE text"),
    ALTER_COLUMN_TYPE_COLLATE(
            Operation.AlterColumnType.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            ON_COLUMN,
            "ALTER TABLE t ALTER COLUMN name TYPE text COLLATE \"C\""),
    SET_DEFAULT(
            Operation.SetDefault.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ALTER COLUMN note SET DEFAULT 'x'"),
    DROP_DEFAULT(
            Operation.DropDefault.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ALTER COLUMN created_at DROP DEFAULT"),
    SET_NOT_NULL(
            Operation.SetNotNull.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "ALTER TABLE t ALTER COLUMN price SET NOT NULL"),
    SET_NOT_NULL_PROVEN(
            Operation.SetNotNull.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ALTER COLUMN note SET NOT NULL"),
    DROP_NOT_NULL(
            Operation.DropNotNull.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ALTER COLUMN created_at DROP NOT NULL"),
    ADD_CHECK(
            Operation.AddConstraint.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD CONSTRAINT c CHECK (n > 0)"),
    ADD_CHECK_NOT_VALID(
            Operation.AddConstraint.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD CONSTRAINT c CHECK (n > 0) NOT VALID"),
    ADD_FOREIGN_KEY(
            Operation.AddConstraint.class,
            SHARE_ROW_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (p_id) REFERENCES p (id)"),
    ADD_FOREIGN_KEY_NOT_VALID(
            Operation.AddConstraint.class,
            SHARE_ROW_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID"),
    ADD_UNIQUE(
            Operation.AddConstraint.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD CONSTRAINT c UNIQUE (n)"),
    ADD_PRIMARY_KEY(
            Operation.AddConstraint.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "ALTER TABLE u ADD PRIMARY KEY (id)"),
    ADD_UNIQUE_USING_INDEX(
            Operation.AddConstraint.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD CONSTRAINT t_code_unique UNIQUE USING INDEX t_code_key"),
    ADD_EXCLUDE(
            Operation.AddConstraint.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "ALTER TABLE t ADD CONSTRAINT c EXCLUDE USING btree (n WITH =)"),
    VALIDATE_CONSTRAINT(
            Operation.ValidateConstraint.class,
            SHARE_UPDATE_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "ALTER TABLE t VALIDATE CONSTRAINT t_n_positive"),
    DROP_CONSTRAINT(
            Operation.DropConstraint.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t DROP CONSTRAINT t_n_positive"),
    RENAME_COLUMN(
            Operation.RenameColumn.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t RENAME COLUMN note TO remark"),
    RENAME_TABLE(
            Operation.RenameTable.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE u RENAME TO u2"),
    RENAME_CONSTRAINT(
            Operation.RenameConstraint.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t RENAME CONSTRAINT t_n_positive TO t_n_above_zero"),
    SET_STORAGE_PARAMETERS(
            Operation.OtherAction.class,
            SHARE_UPDATE_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t SET (fillfactor = 70)"),
    SET_STATISTICS(
            Operation.OtherAction.class,
            SHARE_UPDATE_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ALTER COLUMN n SET STATISTICS 500"),
    SET_TABLESPACE(
            Operation.OtherAction.class,
            ACCESS_EXCLUSIVE,
            true,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t SET TABLESPACE keel_lock_table_space"),
    SET_LOGGED(Operation.OtherAction.class, ACCESS_EXCLUSIVE, true, true, ALL, "ALTER TABLE u SET LOGGED"),
    SET_UNLOGGED(Operation.OtherAction.class, ACCESS_EXCLUSIVE, true, true, ALL, "ALTER TABLE t SET UNLOGGED"),
    SET_ACCESS_METHOD(
            Operation.OtherAction.class, ACCESS_EXCLUSIVE, true, true, ALL, "ALTER TABLE t SET ACCESS METHOD heap2"),
    SET_EXPRESSION(
            Operation.OtherAction.class,
            ACCESS_EXCLUSIVE,
            true,
            true,
            ALL,
            "ALTER TABLE t ALTER COLUMN twice SET EXPRESSION AS (n * 3)"),
    ENABLE_OR_DISABLE_TRIGGER(
            Operation.OtherAction.class,
            SHARE_ROW_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t DISABLE TRIGGER t_touch"),
    ROW_LEVEL_SECURITY(
            Operation.OtherAction.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t ENABLE ROW LEVEL SECURITY"),
    CLUSTER_ON(
            Operation.OtherAction.class,
            SHARE_UPDATE_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t CLUSTER ON t_n_idx"),
    ATTACH_PARTITION(
            Operation.OtherAction.class,
            ACCESS_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "ALTER TABLE ev ATTACH PARTITION ev_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"),
    DETACH_PARTITION(
            Operation.OtherAction.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE ev DETACH PARTITION ev_2026"),
    /** ACCESS EXCLUSIVE on the partition in its second transaction; SHARE UPDATE EXCLUSIVE on the parent. */
    DETACH_PARTITION_CONCURRENTLY(
            Operation.OtherAction.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE ev DETACH PARTITION ev_2026 CONCURRENTLY"),
    OTHER_ACTION(
            Operation.OtherAction.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER TABLE t REPLICA IDENTITY FULL"),

    CREATE_INDEX(Operation.CreateIndex.class, SHARE, false, true, IndexRebuild.NONE, "CREATE INDEX x ON t (note)"),
    CREATE_INDEX_CONCURRENTLY(
            Operation.CreateIndex.class,
            SHARE_UPDATE_EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "CREATE INDEX CONCURRENTLY x ON t (note)"),
    CREATE_INDEX_ON_ONLY(
            Operation.CreateIndex.class, SHARE, false, false, IndexRebuild.NONE, "CREATE INDEX x ON ONLY ev (id)"),
    DROP_INDEX(Operation.DropIndex.class, ACCESS_EXCLUSIVE, false, false, IndexRebuild.NONE, "DROP INDEX t_n_idx"),
    DROP_INDEX_CONCURRENTLY(
            Operation.DropIndex.class,
            SHARE_UPDATE_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "DROP INDEX CONCURRENTLY t_n_idx"),
    REINDEX_INDEX(Operation.Reindex.class, SHARE, false, true, NAMED, "REINDEX INDEX t_n_idx"),
    REINDEX_TABLE(Operation.Reindex.class, SHARE, false, true, ALL, "REINDEX TABLE t"),
    REINDEX_CONCURRENTLY(
            Operation.Reindex.class, SHARE_UPDATE_EXCLUSIVE, false, true, NAMED, "REINDEX INDEX CONCURRENTLY t_n_idx"),
    DROP_TABLE(Operation.Drop.class, ACCESS_EXCLUSIVE, false, false, IndexRebuild.NONE, "DROP TABLE u"),
    DROP_MATERIALIZED_VIEW(
            Operation.Drop.class, ACCESS_EXCLUSIVE, false, false, IndexRebuild.NONE, "DROP MATERIALIZED VIEW mv"),
    DROP_OTHER(Operation.Drop.class, NONE, false, false, IndexRebuild.NONE, "DROP TYPE mood"),
    TRUNCATE(Operation.Truncate.class, ACCESS_EXCLUSIVE, true, false, ALL, "TRUNCATE u"),
    CREATE_ENUM(
            Operation.CreateEnum.class, NONE, false, false, IndexRebuild.NONE, "CREATE TYPE size AS ENUM ('s', 'm')"),
    ADD_ENUM_VALUE(
            Operation.AddEnumValue.class, NONE, false, false, IndexRebuild.NONE, "ALTER TYPE mood ADD VALUE 'meh'"),
    SET_PARAMETER(Operation.SetParameter.class, NONE, false, false, IndexRebuild.NONE, "SET LOCAL lock_timeout = '5s'"),
    TRANSACTION_CONTROL(Operation.TransactionControl.class, NONE, false, false, IndexRebuild.NONE, "SAVEPOINT s"),
    CREATE_TRIGGER(
            Operation.CreateTrigger.class,
            SHARE_ROW_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch()"),
    DROP_TRIGGER(
            Operation.DropTrigger.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "DROP TRIGGER t_touch ON t"),
    CREATE_POLICY(
            Operation.PolicyChange.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "CREATE POLICY x ON t USING (true)"),
    ALTER_POLICY(
            Operation.PolicyChange.class,
            ACCESS_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "ALTER POLICY t_all ON t USING (false)"),
    DROP_POLICY(
            Operation.PolicyChange.class, ACCESS_EXCLUSIVE, false, false, IndexRebuild.NONE, "DROP POLICY t_all ON t"),
    DELETE(Operation.Delete.class, ROW_EXCLUSIVE, false, false, IndexRebuild.NONE, "DELETE FROM t WHERE id = 1"),
    UPDATE(Operation.Update.class, ROW_EXCLUSIVE, false, true, IndexRebuild.NONE, "UPDATE t SET note = 'y'"),
    INSERT(
            Operation.Insert.class,
            ROW_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "INSERT INTO p (id, name) VALUES (0, 'zero')"),
    VACUUM_FULL(Operation.LockTable.class, ACCESS_EXCLUSIVE, true, true, ALL, "VACUUM FULL t"),
    CLUSTER(Operation.LockTable.class, ACCESS_EXCLUSIVE, true, true, ALL, "CLUSTER t USING t_n_idx"),
    REFRESH_MATERIALIZED_VIEW(
            Operation.LockTable.class, ACCESS_EXCLUSIVE, true, true, ALL, "REFRESH MATERIALIZED VIEW mv"),
    REFRESH_MATERIALIZED_VIEW_CONCURRENTLY(
            Operation.LockTable.class,
            EXCLUSIVE,
            false,
            true,
            IndexRebuild.NONE,
            "REFRESH MATERIALIZED VIEW CONCURRENTLY mv"),
    LOCK_TABLE(Operation.LockTable.class, ACCESS_EXCLUSIVE, false, false, IndexRebuild.NONE, "LOCK TABLE t"),
    /** The mode LOCK TABLE names: the sample's SHARE here, whichever it names in a migration. */
    LOCK_TABLE_IN_MODE(Operation.LockTable.class, SHARE, false, false, IndexRebuild.NONE, "LOCK TABLE t IN SHARE MODE"),
    COMMENT(
            Operation.Other.class,
            SHARE_UPDATE_EXCLUSIVE,
            false,
            false,
            IndexRebuild.NONE,
            "COMMENT ON COLUMN t.n IS 'why'"),
    GRANT(Operation.Other.class, NONE, false, false, IndexRebuild.NONE, "GRANT SELECT ON t TO PUBLIC"),
    OTHER(
            Operation.Other.class,
            NONE,
            false,
            false,
            IndexRebuild.NONE,
            "CREATE FUNCTION f() RETURNS integer LANGUAGE sql AS 'SELECT 1'");

    private final Class<?> parsed;
    private final TableLockMode lock;
    private final boolean rewrites;
    private final boolean scans;
    private final IndexRebuild rebuilds;
    private final String sample;

    StatementKind(
            Class<?> parsed,
            TableLockMode lock,
            boolean rewrites,
            boolean scans,
            IndexRebuild rebuilds,
            String sample) {
        this.parsed = parsed;
        this.lock = lock;
        this.rewrites = rewrites;
        this.scans = scans;
        this.rebuilds = rebuilds;
        this.sample = sample;
    }

    /** The parser's record for it: an {@link Operation} or an {@link Operation.AlterAction}. */
    Class<?> parsed() {
        return parsed;
    }

    /** The strongest table lock it takes on a table that existed before it, NONE for none. */
    TableLockMode lock() {
        return lock;
    }

    /** Writes the table anew: its relfilenode changes (TRUNCATE's new files are empty). */
    boolean rewrites() {
        return rewrites;
    }

    /** Reads the rows of a table that existed before it, to copy, check, index or change them. */
    boolean scans() {
        return scans;
    }

    IndexRebuild rebuilds() {
        return rebuilds;
    }

    /** The statement it was measured with, on LockTableTraceTest's fixture. */
    String sample() {
        return sample;
    }
}
