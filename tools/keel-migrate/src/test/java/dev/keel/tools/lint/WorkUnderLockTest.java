package dev.keel.tools.lint;

import static dev.keel.tools.lint.LintFixture.TIMEOUTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What keeps a table locked against reads and writes, distilled from real migration histories:
 * work-after-exclusive-lock fires only on real work (a scan, rewrite, backfill or index build)
 * while an ACCESS EXCLUSIVE lock is held, never on instant catalog changes, on another table's
 * lock (a wait lock_timeout bounds) or after a COMMIT; statement-timeout fires only where a
 * statement works under its lock, since an instant change needs lock_timeout alone.
 */
class WorkUnderLockTest {

    /** Takes ACCESS EXCLUSIVE on t, a live table, without rewriting it. */
    private static final String LOCK_T = TIMEOUTS + "ALTER TABLE t ADD COLUMN c text;\n";

    @TempDir
    Path root;

    static Stream<Arguments> flagged() {
        return Stream.of(
                Arguments.of("work-after-exclusive-lock", LOCK_T + "INSERT INTO p (id) SELECT p_id FROM t;"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "DO $$ BEGIN PERFORM count(*) FROM t; END $$;"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "CREATE INDEX t_note_idx ON t (note);"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "CREATE INDEX p_created_idx ON p (created_at);"),
                // p's rewrite keeps t locked: that is the work-after finding, beside p's own rewriting-type-change
                Arguments.of("work-after-exclusive-lock", LOCK_T + "ALTER TABLE p ALTER COLUMN id TYPE text;"),
                Arguments.of(
                        "work-after-exclusive-lock", LOCK_T + "UPDATE p SET archived_at = now() WHERE id IS NULL;"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "CREATE TABLE t_copy AS SELECT * FROM t;"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "CLUSTER p USING p_pkey;"),
                // a DO block is judged by the SQL it runs: a constraint built under a catalog check ...
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T + "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'p_id_key') "
                                + "THEN ALTER TABLE p ADD CONSTRAINT p_id_key UNIQUE (id); END IF; END $$;"),
                // ... an UPDATE whose CASE has THEN and ELSE of its own, SQL built at run time, a literal EXECUTE
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T + "DO $$ BEGIN UPDATE t SET n = CASE WHEN n > 0 THEN 1 ELSE 0 END WHERE id IS NOT NULL; "
                                + "END $$;"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T + "DO $$ DECLARE r record; BEGIN FOR r IN SELECT id FROM p LOOP "
                                + "EXECUTE format('UPDATE t SET n = 1 WHERE id = %L', r.id); END LOOP; END $$;"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T + "DO $$ BEGIN EXECUTE 'CREATE INDEX t_note_idx ON t (note)'; END $$;"),
                // a literal that does not read as SQL may run anything, like SQL built at run time
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T + "DO $$ BEGIN EXECUTE 'UPDATE t SET n = 1 /* unclosed'; END $$;"),
                // DROP INDEX locks the index's table, so the index built after it waits under that lock
                Arguments.of(
                        "work-after-exclusive-lock",
                        TIMEOUTS + "DROP INDEX t_n_idx;\nCREATE INDEX t_n_note_idx ON t (n, note);"),
                // a COMMIT ends the lock, and the next exclusive lock starts the count again
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T
                                + "COMMIT;\nBEGIN;\nALTER TABLE p ADD COLUMN d text;\nUPDATE t SET n = 1 WHERE id IS NULL;"),
                Arguments.of(
                        "statement-timeout", "SET LOCAL lock_timeout = '5s';\nCREATE INDEX t_note_idx ON t (note);"),
                Arguments.of(
                        "statement-timeout",
                        "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid();"),
                Arguments.of(
                        "statement-timeout",
                        "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ALTER COLUMN note SET NOT NULL;"),
                Arguments.of(
                        "statement-timeout",
                        "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD COLUMN c text;\n"
                                + "UPDATE t SET c = note WHERE id IS NOT NULL;"));
    }

    static Stream<Arguments> notFlagged() {
        return Stream.of(
                // instant catalog changes under the lock
                Arguments.of("work-after-exclusive-lock", LOCK_T + "ALTER TABLE t RENAME COLUMN note TO remark;"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "ALTER TABLE t ADD COLUMN d integer;"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "COMMENT ON COLUMN t.c IS 'why';"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "CREATE TYPE colour AS ENUM ('red', 'blue');"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "ALTER TYPE mood ADD VALUE 'calm';"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "CREATE TYPE pair AS (a int, b int);"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "CREATE EXTENSION IF NOT EXISTS pgcrypto;"),
                Arguments.of(
                        "work-after-exclusive-lock", LOCK_T + "CREATE SEQUENCE t_seq;\nSELECT setval('t_seq', 10);"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T + "CREATE TABLE x (id uuid PRIMARY KEY, t_id uuid);\nCREATE INDEX x_t_idx ON x (t_id);\n"
                                + "DROP INDEX x_t_idx;\nINSERT INTO x (id) VALUES ('019a0000-0000-7000-8000-000000000001');"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "INSERT INTO p (id) VALUES (gen_random_uuid());"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T
                                + "CREATE OR REPLACE FUNCTION t_label(t) RETURNS text LANGUAGE sql AS $$ SELECT $1.note $$;"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "DROP TRIGGER t_touch ON t;"),
                // a DO block of catalog checks and instant changes, or of a literal EXECUTE of one, is quick
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T + "DO $$ BEGIN IF NOT EXISTS (SELECT * FROM information_schema.columns "
                                + "WHERE table_name = 't' AND column_name = 'remark') "
                                + "THEN ALTER TABLE t RENAME COLUMN note TO remark; END IF; END $$;"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T + "DO $$ BEGIN EXECUTE 'ALTER INDEX t_n_idx RENAME TO t_number_idx'; END $$;"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T + "DO $$ BEGIN ALTER TABLE t DROP CONSTRAINT IF EXISTS t_note_key; "
                                + "EXCEPTION WHEN SQLSTATE '2BP01' THEN RAISE NOTICE 'kept t_note_key'; END $$;"),
                // a file with CREATE INDEX CONCURRENTLY runs statement by statement (or not at all: mixed-transaction)
                Arguments.of(
                        "work-after-exclusive-lock",
                        "ALTER TABLE t ADD COLUMN c text;\nCREATE INDEX CONCURRENTLY t_note_idx ON t (note);\n"
                                + "CREATE INDEX CONCURRENTLY t_c_idx ON t (c);"),
                // a rewrite of the locked table takes that lock itself: its own rule (rewriting-type-change) reports it
                Arguments.of("work-after-exclusive-lock", LOCK_T + "ALTER TABLE t ALTER COLUMN n TYPE bigint;"),
                // VACUUM cannot run in a transaction, so no lock is held across it (and mixed-transaction says so)
                Arguments.of("work-after-exclusive-lock", LOCK_T + "VACUUM FULL p;"),
                // PostgreSQL's catalogs hold no application rows: no backfill, no work
                Arguments.of(
                        "unbatched-backfill",
                        TIMEOUTS + "UPDATE pg_index SET indisready = true WHERE indexrelid = 't_n_idx'::regclass;"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T
                                + "UPDATE pg_catalog.pg_index SET indisready = true WHERE indexrelid = 't_n_idx'::regclass;"),
                // a table this file dropped blocks nobody: work after its lock is not work under it
                Arguments.of(
                        "work-after-exclusive-lock", TIMEOUTS + "DROP TABLE p;\nUPDATE t SET n = 1 WHERE n IS NULL;"),
                // another table's lock: a wait lock_timeout bounds, not work
                Arguments.of("work-after-exclusive-lock", LOCK_T + "ALTER TABLE p ADD COLUMN d text;"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "ALTER TABLE p RENAME COLUMN id TO p_id;"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "LOCK TABLE p IN SHARE MODE;"),
                Arguments.of("work-after-exclusive-lock", LOCK_T + "TRUNCATE p;"),
                // the lock ends with the transaction
                Arguments.of(
                        "work-after-exclusive-lock",
                        LOCK_T + "COMMIT;\nUPDATE p SET archived_at = now() WHERE id IS NULL;"),
                // instant changes need lock_timeout only
                Arguments.of("statement-timeout", "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD COLUMN c text;"),
                Arguments.of(
                        "statement-timeout",
                        "SET LOCAL lock_timeout = '5s';\nALTER TABLE t RENAME COLUMN note TO remark;"),
                Arguments.of(
                        "statement-timeout",
                        "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ALTER COLUMN note SET DEFAULT 'none';"),
                Arguments.of("statement-timeout", "SET LOCAL lock_timeout = '5s';\nDROP TRIGGER t_touch ON t;"),
                Arguments.of(
                        "statement-timeout",
                        "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ADD CONSTRAINT t_n_check CHECK (n > 0) NOT VALID;"));
    }

    @Test
    void namesTheLockOnTheTableTheWorkIsOnAndTheTableOfADroppedIndex() {
        List<Finding> findings = LintFixture.findingsOf(
                root,
                TIMEOUTS
                        + "ALTER TABLE p ADD COLUMN d text;\nDROP INDEX t_n_idx;\nCREATE INDEX t_note_idx ON t (note);");

        assertThat(findings)
                .filteredOn(finding -> finding.rule().equals("work-after-exclusive-lock"))
                .singleElement()
                .satisfies(finding -> assertThat(finding.message())
                        .startsWith("builds an index on t while t stays locked against reads and writes")
                        .contains("since line 4"));
    }

    @Test
    void aRewriteOfTheLockedTableIsReportedOnceByItsOwnRule() {
        List<Finding> findings = LintFixture.findingsOf(root, LOCK_T + "ALTER TABLE t ALTER COLUMN n TYPE bigint;");

        assertThat(LintFixture.rules(findings))
                .contains("rewriting-type-change")
                .doesNotContain("work-after-exclusive-lock");
    }

    @ParameterizedTest(name = "{0} flags: {1}")
    @MethodSource("flagged")
    void flags(String rule, String sql) {
        assertThat(LintFixture.rules(LintFixture.findingsOf(root, sql))).contains(rule);
    }

    @ParameterizedTest(name = "{0} lets through: {1}")
    @MethodSource("notFlagged")
    void letsThrough(String rule, String sql) {
        assertThat(LintFixture.rules(LintFixture.findingsOf(root, sql))).doesNotContain(rule);
    }
}
