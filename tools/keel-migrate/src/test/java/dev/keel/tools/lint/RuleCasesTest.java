package dev.keel.tools.lint;

import static dev.keel.tools.lint.LintFixture.TIMEOUTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** For each rule: SQL it must flag, and the tricky SQL it must let through, after a live base schema. */
// Lock sampling catches short locks only with the machine to itself.
@Isolated
class RuleCasesTest {

    @TempDir
    Path root;

    static Stream<Arguments> flagged() {
        return Stream.of(
                // a USING that computes, and a plain USING of a type change that rewrites anyway
                Arguments.of(
                        "rewriting-type-change",
                        TIMEOUTS + "ALTER TABLE t ALTER COLUMN name TYPE text USING lower(name);"),
                Arguments.of("rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN n TYPE bigint USING n;"),
                Arguments.of(
                        "rewriting-type-change",
                        TIMEOUTS + "ALTER TABLE t ALTER COLUMN name TYPE text USING name || '';"),
                // PostgreSQL only
                Arguments.of("postgres-only", "CREATE TABLE x (id INTEGER PRIMARY KEY AUTOINCREMENT);"),
                Arguments.of("postgres-only", "CREATE TABLE x (id int AUTO_INCREMENT);"),
                Arguments.of("postgres-only", "CREATE TABLE `x` (id uuid);"),
                Arguments.of("postgres-only", "CREATE TABLE x (at DATETIME);"),
                Arguments.of("postgres-only", "CREATE TABLE x (flag TINYINT);"),
                Arguments.of("postgres-only", "CREATE TABLE x (n int UNSIGNED);"),
                Arguments.of("postgres-only", "CREATE TABLE x (id uuid) ENGINE=InnoDB;"),
                Arguments.of("postgres-only", "INSERT OR IGNORE INTO t (id) VALUES ('a');"),
                Arguments.of("postgres-only", "REPLACE INTO t (id) VALUES ('a');"),
                Arguments.of("postgres-only", "INSERT INTO t (id) VALUES ('a') ON DUPLICATE KEY UPDATE n = 1;"),
                Arguments.of("postgres-only", "SELECT IFNULL(n, 0) FROM t;"),
                Arguments.of("postgres-only", "PRAGMA foreign_keys = ON;"),
                Arguments.of("postgres-only", "SELECT TOP 10 * FROM t;"),
                Arguments.of("postgres-only", "CREATE TABLE x (name NVARCHAR(40));"),
                Arguments.of("postgres-only", "CREATE TABLE x (id int IDENTITY(1,1));"),
                Arguments.of("postgres-only", "CREATE TABLE x (id uuid)\nGO"),
                Arguments.of("postgres-only", "ALTER TABLE t MODIFY name text;"),
                Arguments.of("postgres-only", "SELECT GETDATE();"),
                Arguments.of("postgres-only", "CREATE TABLE x (id uuid, KEY x_idx (id));"),
                // how Flyway runs the file
                Arguments.of("transaction-control", "BEGIN;\nCREATE TABLE x (id uuid);\nCOMMIT;"),
                Arguments.of("non-transactional-undeclared", "CREATE INDEX CONCURRENTLY t_note_idx ON t (note);"),
                Arguments.of(
                        "mixed-transaction",
                        "-- keel:non-transactional\nCREATE INDEX CONCURRENTLY t_note_idx ON t (note);\n"
                                + "CREATE TABLE x (id uuid);"),
                Arguments.of(
                        "session-set",
                        "SET lock_timeout = '5s';\nSET statement_timeout = '5s';\n"
                                + "ALTER TABLE t ADD COLUMN c text;"),
                Arguments.of(
                        "mixed-transaction",
                        "-- keel:non-transactional\nSET lock_timeout = '5s';\n"
                                + "CREATE INDEX CONCURRENTLY t_note_idx ON t (note);"),
                Arguments.of(
                        "non-transactional-undeclared",
                        "-- keel:non-transactional\n" + "REINDEX INDEX CONCURRENTLY t_n_idx;"),
                Arguments.of("needless-non-transactional", "-- keel:non-transactional\nCREATE TABLE x (id uuid);"),
                Arguments.of("lock-timeout", "ALTER TABLE t ADD COLUMN c text;"),
                Arguments.of("lock-timeout", "SET LOCAL lock_timeout = 0;\nALTER TABLE t ADD COLUMN c text;"),
                // statement_timeout matters where a statement works under its lock (WorkUnderLockTest has the instant
                // ones)
                Arguments.of(
                        "statement-timeout",
                        "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ALTER COLUMN n TYPE bigint;"),
                // locks and rewrites
                Arguments.of("index-concurrently", TIMEOUTS + "CREATE INDEX t_note_idx ON t (note);"),
                Arguments.of("drop-index-concurrently", TIMEOUTS + "DROP INDEX t_n_idx;"),
                Arguments.of("reindex-concurrently", TIMEOUTS + "REINDEX INDEX t_n_idx;"),
                Arguments.of(
                        "volatile-default",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid();"),
                Arguments.of(
                        "volatile-default",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN seen timestamptz DEFAULT clock_timestamp();"),
                Arguments.of("volatile-default", TIMEOUTS + "ALTER TABLE t ADD COLUMN seq bigserial;"),
                Arguments.of("rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN n TYPE bigint;"),
                Arguments.of("rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN name TYPE varchar(10);"),
                Arguments.of(
                        "rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN price TYPE numeric(12, 3);"),
                Arguments.of(
                        "rewriting-type-change",
                        TIMEOUTS + "ALTER TABLE t ALTER COLUMN note TYPE text USING upper(note);"),
                Arguments.of("rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN unknown TYPE text;"),
                Arguments.of("set-not-null", TIMEOUTS + "ALTER TABLE t ALTER COLUMN note SET NOT NULL;"),
                Arguments.of(
                        "required-column-without-default", TIMEOUTS + "ALTER TABLE t ADD COLUMN code text NOT NULL;"),
                Arguments.of(
                        "constraint-not-valid",
                        TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p_id) REFERENCES p (id);"),
                Arguments.of(
                        "constraint-not-valid", TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT t_n_positive CHECK (n > 0);"),
                Arguments.of("constraint-not-valid", TIMEOUTS + "ALTER TABLE t ADD COLUMN q uuid REFERENCES p (id);"),
                Arguments.of(
                        "validate-in-same-transaction",
                        TIMEOUTS
                                + "ALTER TABLE t ADD CONSTRAINT t_n_positive CHECK (n > 0) NOT VALID;\n"
                                + "ALTER TABLE t VALIDATE CONSTRAINT t_n_positive;"),
                Arguments.of(
                        "unique-on-existing-table",
                        TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT t_name_key UNIQUE (name);"),
                Arguments.of("unique-on-existing-table", TIMEOUTS + "ALTER TABLE t ADD COLUMN code text UNIQUE;"),
                Arguments.of(
                        "exclusion-constraint",
                        TIMEOUTS
                                + "ALTER TABLE t ADD CONSTRAINT t_no_overlap EXCLUDE USING gist (net inet_ops WITH &&);"),
                Arguments.of("table-rewrite", TIMEOUTS + "CLUSTER t USING t_n_idx;"),
                Arguments.of(
                        "table-rewrite",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN double_n int GENERATED ALWAYS AS (n * 2) STORED;"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN c text;\n" + "UPDATE t SET c = note;"),
                // found by make migrate-trace: a rewrite of the table already locked is more work, not a catalog
                // change; it takes that same lock itself, so its own rule reports it (WorkUnderLockTest)
                Arguments.of(
                        "rewriting-type-change",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN c text;\n" + "ALTER TABLE t ALTER COLUMN n TYPE bigint;"),
                Arguments.of("unbatched-backfill", TIMEOUTS + "UPDATE t SET note = 'x' WHERE note IS NULL;"),
                Arguments.of(
                        "unbatched-backfill",
                        TIMEOUTS + "WITH s AS (SELECT id FROM p) UPDATE t SET note = 'x' "
                                + "FROM s WHERE t.p_id = s.id;"),
                Arguments.of(
                        "hard-delete",
                        "WITH gone AS (DELETE FROM t WHERE n < 0 RETURNING id) SELECT count(*) FROM gone;"),
                Arguments.of("table-rewrite", TIMEOUTS + "ALTER TABLE t SET UNLOGGED;"),
                Arguments.of("table-rewrite", TIMEOUTS + "ALTER TABLE t SET TABLESPACE fast;"),
                Arguments.of("table-rewrite", TIMEOUTS + "LOCK TABLE t IN SHARE MODE;"),
                Arguments.of("volatile-default", TIMEOUTS + "ALTER TABLE t ADD COLUMN ref text DEFAULT my_code();"),
                Arguments.of(
                        "constraint-not-valid",
                        TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT t_n CHECK (n > 0 OR NOT archived_at IS NULL);"),
                Arguments.of("lock-timeout", "CREATE TABLE x (id uuid, p_id uuid REFERENCES p (id));"),
                Arguments.of(
                        "index-concurrently",
                        TIMEOUTS + "CREATE TABLE IF NOT EXISTS t (id uuid);\n"
                                + "CREATE INDEX t_note_idx ON t (note);"),
                Arguments.of("index-concurrently", "\uFEFF" + TIMEOUTS + "CREATE INDEX t_note_idx ON t (note);"),
                Arguments.of(
                        "index-concurrently",
                        "-- keel:non-transactional\nCREATE INDEX CONCURRENTLY ev_at_idx ON ev (at);"),
                Arguments.of(
                        "lock-timeout",
                        "CREATE TABLE ev_2027 PARTITION OF ev FOR VALUES FROM ('2027-01-01') " + "TO ('2028-01-01');"),
                Arguments.of("lock-timeout", "DROP TRIGGER t_touch ON t;"),
                Arguments.of(
                        "rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN note TYPE text COLLATE \"C\";"),
                Arguments.of("table-rewrite", TIMEOUTS + "LOCK TABLE p, t IN ACCESS EXCLUSIVE MODE;"),
                // the running release
                Arguments.of("rename-column", TIMEOUTS + "ALTER TABLE t RENAME COLUMN note TO remark;"),
                Arguments.of("rename-table", TIMEOUTS + "ALTER TABLE t RENAME TO things;"),
                Arguments.of("drop-column", TIMEOUTS + "ALTER TABLE t DROP COLUMN note;"),
                Arguments.of("drop-table", TIMEOUTS + "DROP TABLE t;"),
                Arguments.of("drop-schema", "DROP SCHEMA reporting CASCADE;"),
                Arguments.of("drop-not-null", TIMEOUTS + "ALTER TABLE t ALTER COLUMN created_at DROP NOT NULL;"),
                Arguments.of("truncate-cascade", TIMEOUTS + "TRUNCATE p CASCADE;"),
                Arguments.of("enum-value-position", "ALTER TYPE mood ADD VALUE 'calm';"),
                // types
                Arguments.of("prefer-jsonb", TIMEOUTS + "ALTER TABLE t ADD COLUMN doc json;"),
                Arguments.of("int-key", "CREATE TABLE x (id serial PRIMARY KEY);"),
                Arguments.of("int-key", "CREATE TABLE x (id int, PRIMARY KEY (id));"),
                Arguments.of("varchar-length", TIMEOUTS + "ALTER TABLE t ADD COLUMN code character varying(8);"),
                Arguments.of("char-type", TIMEOUTS + "ALTER TABLE t ADD COLUMN code char(3);"),
                Arguments.of("timestamp-without-time-zone", TIMEOUTS + "ALTER TABLE t ADD COLUMN seen timestamp;"),
                Arguments.of("timestamp-without-time-zone", "CREATE TABLE x (at timestamp(3) without time zone);"),
                Arguments.of("identifier-too-long", "CREATE TABLE " + "x".repeat(64) + " (id uuid);"),
                Arguments.of("identifier-too-long", "CREATE TABLE \"" + "é".repeat(32) + "\" (id uuid);"),
                // Keel's conventions
                Arguments.of("model-checklist", "CREATE TABLE gadget (id uuid PRIMARY KEY, name text);"),
                Arguments.of("model-checklist", ModelChecklistTest.gadget("")),
                Arguments.of("hard-delete", "DELETE FROM t WHERE archived_at IS NOT NULL;"),
                Arguments.of("hard-delete", "DELETE FROM somebody_elses_table;"),
                // the checker
                Arguments.of("syntax", "SELECT 'open;"),
                Arguments.of(
                        "suppression-without-reason",
                        TIMEOUTS + "-- keel:allow drop-column\n" + "ALTER TABLE t DROP COLUMN note;"),
                Arguments.of("unknown-rule", "-- keel:allow no-such-rule because\nSELECT 1;"),
                Arguments.of("unused-suppression", "-- keel:allow drop-column it is gone\nSELECT 1;"),
                Arguments.of("unused-suppression", "SELECT 1;\n-- keel:allow drop-column nothing follows"));
    }

    static Stream<Arguments> notFlagged() {
        return Stream.of(
                // USING the column itself computes nothing: the type change alone decides (varchar to text: none)
                Arguments.of(
                        "rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN name TYPE text USING name;"),
                Arguments.of(
                        "rewriting-type-change",
                        TIMEOUTS + "ALTER TABLE t ALTER COLUMN name TYPE text USING name::text;"),
                Arguments.of(
                        "postgres-only",
                        "CREATE TABLE x (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1), "
                                + "key text, index integer NOT NULL, top int, engine text CHECK (engine = lower(engine)));"),
                Arguments.of(
                        "postgres-only",
                        "CREATE TABLE x (key varchar(10), index numeric(10, 2));\n" + "UPDATE x SET engine = 'v8';"),
                Arguments.of(
                        "postgres-only",
                        TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p_id) "
                                + "REFERENCES p (id) ON UPDATE CASCADE NOT VALID;"),
                Arguments.of("postgres-only", "SELECT coalesce(n, 0), now() FROM t LIMIT 10;"),
                Arguments.of(
                        "transaction-control",
                        "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\n" + "BEGIN\n  RETURN 1;\nEND\n$$;"),
                Arguments.of(
                        "transaction-control",
                        "CREATE FUNCTION g() RETURNS int LANGUAGE sql\n"
                                + "BEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;"),
                Arguments.of(
                        "non-transactional-undeclared",
                        "-- keel:non-transactional\n" + "CREATE INDEX CONCURRENTLY t_note_idx ON t (note);"),
                Arguments.of("session-set", TIMEOUTS + "ALTER TABLE t ADD COLUMN c text;"),
                // timeouts set with set_config count, as SET LOCAL
                Arguments.of(
                        "lock-timeout",
                        "SELECT set_config('lock_timeout', '5s', true);\n"
                                + "SELECT set_config('statement_timeout', '60s', true);\nALTER TABLE t ADD COLUMN c text;"),
                Arguments.of(
                        "statement-timeout",
                        "SELECT set_config('lock_timeout', '5s', true);\n"
                                + "SELECT set_config('statement_timeout', '60s', true);\nALTER TABLE t ADD COLUMN c text;"),
                Arguments.of("lock-timeout", "CREATE TABLE x (id uuid);\nALTER TABLE x ADD COLUMN c text;"),
                Arguments.of(
                        "lock-timeout", "-- keel:non-transactional\nCREATE INDEX CONCURRENTLY t_note_idx ON t (note);"),
                // an index on a table created in the same file
                Arguments.of(
                        "index-concurrently",
                        "CREATE TABLE x (id uuid, name text);\nCREATE INDEX x_name_idx ON x (name);"),
                Arguments.of(
                        "index-concurrently",
                        "-- keel:non-transactional\nCREATE INDEX CONCURRENTLY t_note_idx ON t (note);"),
                Arguments.of(
                        "drop-index-concurrently",
                        "CREATE TABLE x (id uuid);\nCREATE INDEX x_idx ON x (id);\n" + "DROP INDEX x_idx;"),
                // a constant default, and now() (stable): no rewrite since PostgreSQL 11
                Arguments.of("volatile-default", TIMEOUTS + "ALTER TABLE t ADD COLUMN level int NOT NULL DEFAULT 0;"),
                Arguments.of(
                        "volatile-default",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN seen timestamptz NOT NULL DEFAULT now();"),
                Arguments.of(
                        "required-column-without-default",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN level int NOT NULL DEFAULT 0;"),
                // widening a varchar, varchar to text, numeric precision, cidr to inet
                Arguments.of("rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN name TYPE varchar(50);"),
                Arguments.of("rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN name TYPE text;"),
                Arguments.of(
                        "rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN price TYPE numeric(14, 2);"),
                Arguments.of("rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN net TYPE inet;"),
                Arguments.of(
                        "constraint-not-valid",
                        TIMEOUTS
                                + "ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID;"),
                Arguments.of("constraint-not-valid", "CREATE TABLE x (id uuid, p_id uuid REFERENCES p (id));"),
                Arguments.of(
                        "unique-on-existing-table",
                        TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT t_name_key UNIQUE USING INDEX t_name_idx;"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN c text;\n"
                                + "COMMENT ON COLUMN t.c IS 'why';\nALTER TABLE t ADD COLUMN d text;"),
                Arguments.of("unbatched-backfill", "CREATE TABLE x (id uuid, n int);\nUPDATE x SET n = 1;"),
                Arguments.of("rename-column", "CREATE TABLE x (id uuid, a text);\nALTER TABLE x RENAME COLUMN a TO b;"),
                Arguments.of("drop-table", "CREATE TABLE x (id uuid);\nDROP TABLE x;"),
                Arguments.of("enum-value-position", "ALTER TYPE mood ADD VALUE 'calm' AFTER 'sad';"),
                Arguments.of("int-key", "CREATE TABLE x (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);"),
                Arguments.of("varchar-length", TIMEOUTS + "ALTER TABLE t ADD COLUMN code varchar;"),
                Arguments.of(
                        "timestamp-without-time-zone",
                        "CREATE TABLE x (a timestamptz, b timestamp(3) with time zone);"),
                Arguments.of("identifier-too-long", "CREATE TABLE " + "x".repeat(63) + " (id uuid);"),
                Arguments.of("model-checklist", dev.keel.tools.migration.Templates.migration("create_gadget")),
                Arguments.of("model-checklist", "CREATE TEMPORARY TABLE scratch (n int);"),
                Arguments.of("hard-delete", "CREATE TABLE x (id uuid);\nDELETE FROM x;"),
                Arguments.of(
                        "drop-column",
                        TIMEOUTS + "-- keel:allow drop-column release 12 stopped reading it\n"
                                + "ALTER TABLE t DROP COLUMN note;"),
                Arguments.of(
                        "unused-suppression",
                        TIMEOUTS + "-- keel:allow drop-column release 12 stopped reading it\n"
                                + "ALTER TABLE t DROP COLUMN note;"),
                Arguments.of(
                        "suppression-without-reason",
                        TIMEOUTS + "-- keel:allow drop-column release 12 stopped "
                                + "reading it\nALTER TABLE t DROP COLUMN note;"),
                Arguments.of(
                        "unknown-rule", TIMEOUTS + "-- keel:allow drop-column gone\nALTER TABLE t DROP COLUMN note;"),
                Arguments.of("reindex-concurrently", "-- keel:non-transactional\nREINDEX INDEX CONCURRENTLY t_n_idx;"),
                Arguments.of("statement-timeout", "-- keel:non-transactional\nDROP INDEX CONCURRENTLY t_n_idx;"),
                Arguments.of("mixed-transaction", "-- keel:non-transactional\nDROP INDEX CONCURRENTLY t_n_idx;"),
                Arguments.of(
                        "exclusion-constraint",
                        "CREATE TABLE x (id uuid, during tstzrange, " + "EXCLUDE USING gist (during WITH &&));"),
                Arguments.of("table-rewrite", TIMEOUTS + "ALTER TABLE t ADD COLUMN c text;"),
                Arguments.of("table-rewrite", "REFRESH MATERIALIZED VIEW CONCURRENTLY t_summary;"),
                Arguments.of(
                        "drop-not-null",
                        "CREATE TABLE x (id uuid, a text NOT NULL);\n" + "ALTER TABLE x ALTER COLUMN a DROP NOT NULL;"),
                Arguments.of("truncate-cascade", "TRUNCATE t;"),
                Arguments.of("rename-table", "CREATE TABLE x (id uuid);\nALTER TABLE x RENAME TO y;"),
                Arguments.of("prefer-jsonb", TIMEOUTS + "ALTER TABLE t ADD COLUMN doc jsonb;"),
                Arguments.of("char-type", "CREATE TABLE x (id uuid, flag \"char\", code varchar);"),
                Arguments.of("syntax", "SELECT E'it\\'s', $$a 'quote$$, \"odd\"\"name\";"),
                Arguments.of(
                        "volatile-default",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN code varchar(10) "
                                + "DEFAULT 'none'::varchar(10), ADD COLUMN tags text[] DEFAULT ARRAY[]::text[];"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN c text;\n"
                                + "GRANT SELECT (c) ON t TO PUBLIC;\nCREATE OR REPLACE VIEW t_names AS SELECT id, name FROM t;"),
                Arguments.of("table-rewrite", "LOCK TABLE t IN ACCESS SHARE MODE;"),
                Arguments.of(
                        "lock-timeout",
                        "CREATE TABLE x (id uuid, note text);\nCREATE TABLE y (x_id uuid REFERENCES x (id));"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        TIMEOUTS + "ALTER TABLE t DROP COLUMN name;\n"
                                + "DROP TRIGGER t_touch ON t;\nDROP FUNCTION copy_name();"),
                Arguments.of(
                        "index-concurrently",
                        "CREATE MATERIALIZED VIEW t_stats AS SELECT n, count(*) FROM t GROUP BY n;\n"
                                + "CREATE UNIQUE INDEX t_stats_n_key ON t_stats (n);"),
                Arguments.of("index-concurrently", TIMEOUTS + "CREATE INDEX ev_at_idx ON ONLY ev (at);"),
                Arguments.of(
                        "model-checklist",
                        "CREATE TABLE t_archive (LIKE t INCLUDING ALL);\n"
                                + "CREATE TRIGGER a_touch BEFORE UPDATE ON t_archive FOR EACH ROW EXECUTE FUNCTION keel_touch_updated_at();\n"
                                + "CREATE TRIGGER a_forbid BEFORE DELETE ON t_archive FOR EACH ROW EXECUTE FUNCTION keel_forbid_delete();"),
                Arguments.of("int-key", "CREATE TABLE x (id uuid, position integer, PRIMARY KEY (id, position));"),
                Arguments.of(
                        "volatile-default",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN seen timestamptz "
                                + "DEFAULT timezone('utc', now()), ADD COLUMN code varchar(10) DEFAULT 'x'::character varying(10);"),
                Arguments.of(
                        "lock-timeout",
                        "ALTER TABLE t ALTER COLUMN n SET STATISTICS 500;\n"
                                + "ALTER TABLE t SET (autovacuum_vacuum_scale_factor = 0.01);"),
                Arguments.of("set-not-null", TIMEOUTS + "ALTER TABLE t ALTER COLUMN created_at SET NOT NULL;"));
    }

    @ParameterizedTest(name = "{0} flags: {1}")
    @MethodSource("flagged")
    void flags(String rule, String sql) {
        List<Finding> findings = LintFixture.findingsOf(root, sql);

        assertThat(LintFixture.rules(findings)).contains(rule);
        Finding finding = findings.stream()
                .filter(each -> each.rule().equals(rule))
                .findFirst()
                .orElseThrow();
        assertThat(finding.line()).isPositive();
        assertThat(finding.column()).isPositive();
        assertThat(finding.severity()).isEqualTo(Rule.byId(rule).orElseThrow().severity());
        assertThat(finding.why()).isNotBlank();
        assertThat(finding.fix()).isNotBlank();
    }

    @ParameterizedTest(name = "{0} lets through: {1}")
    @MethodSource("notFlagged")
    void letsThrough(String rule, String sql) {
        assertThat(LintFixture.rules(LintFixture.findingsOf(root, sql))).doesNotContain(rule);
    }
}
