package dev.keel.tools.lint;

import static dev.keel.tools.lint.LintFixture.TIMEOUTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14: a migration brought from MySQL, SQL Server, Oracle or SQLite is reported by the
 * postgres-only rule, with the foreign dialect and the PostgreSQL form named, and by no rule that
 * misreads it; valid PostgreSQL that looks alike stays clean.
 */
class DialectIdiomsTest {

    /** Rules that would mean the checker misread the foreign SQL as something else. */
    private static final List<String> MISREADINGS = List.of(
            "syntax",
            "transaction-control",
            "drop-index-concurrently",
            "drop-column",
            "session-set",
            "non-transactional-undeclared",
            "mixed-transaction",
            "needless-non-transactional",
            "required-column-without-default",
            "rename-column",
            "rename-table");

    @TempDir
    Path root;

    static Stream<Arguments> foreign() {
        return Stream.of(
                // MySQL
                Arguments.of("MySQL", "SET @x = 1;"),
                // MySQL functions, distilled from a real MySQL history whose files otherwise read as PostgreSQL
                Arguments.of(
                        "MySQL", TIMEOUTS + "UPDATE t SET note = 'x' WHERE JSON_LENGTH(note) = 0 AND id IS NOT NULL;"),
                Arguments.of("MySQL", "SELECT JSON_UNQUOTE(JSON_EXTRACT(note, '$.a')) FROM t;"),
                Arguments.of("MySQL", "SELECT DATE_FORMAT(created_at, '%Y') FROM t;"),
                Arguments.of("MySQL", "SELECT SUBSTRING_INDEX(note, ',', 1), UNIX_TIMESTAMP(created_at) FROM t;"),
                Arguments.of("MySQL", "SELECT BIN_TO_UUID(id), CURDATE(), UTC_TIMESTAMP() FROM t;"),
                // Found missing on real MySQL histories, where PostgreSQL's parser rejects the file
                // (bench/lint-dialects)
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ADD COLUMN c int AS (n + 1) VIRTUAL;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid, n int, m int AS (n * 2) STORED);"),
                Arguments.of("MySQL", "SELECT IF(n > 0, 'a', 'b') FROM t;"),
                Arguments.of("MySQL", "SELECT DATE_ADD(created_at, INTERVAL 1 DAY) FROM t;"),
                Arguments.of("MySQL", "SELECT created_at + INTERVAL n SECOND FROM t;"),
                Arguments.of("MySQL", "SELECT DATE_SUB(now(), INTERVAL 7 DAY);"),
                Arguments.of("MySQL", "-- keel:non-transactional\nCREATE DATABASE app CHARACTER SET utf8mb4;"),
                Arguments.of("MySQL", "ALTER DATABASE app DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;"),
                Arguments.of("MySQL", "CREATE SCHEMA app DEFAULT CHARSET utf8mb4;"),
                // MySQL in syntax PostgreSQL parses, but functions and types it lacks
                Arguments.of("MySQL", "SELECT CONVERT_TZ(created_at, '+00:00', 'UTC') FROM t;"),
                Arguments.of("MySQL", "SELECT HEX(RANDOM_BYTES(16)), SHA2(note, 256), TO_BASE64(note) FROM t;"),
                Arguments.of("MySQL", "SELECT CAST(note AS DATETIME) FROM t;"),
                Arguments.of("MySQL", "CREATE TABLE x (id binary(16), v varbinary(255));"),
                Arguments.of(
                        "MySQL", "CREATE TABLE x (id uuid, n int, PRIMARY KEY (id ASC), UNIQUE INDEX x_n_key (n));"),
                Arguments.of("MySQL", "SET @x := 1;"),
                Arguments.of("MySQL", "SELECT @x := n FROM t;"),
                Arguments.of("MySQL", "SELECT n FROM t WHERE n > @limit;"),
                Arguments.of("MySQL", "CREATE TABLE x (id bigint(20) PRIMARY KEY);"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid, n int(11));"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid, flag tinyint(1));"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ADD COLUMN c bigint(20);"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ALTER COLUMN n TYPE int(11);"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ADD COLUMN c text, ALGORITHM=INPLACE, LOCK=NONE;"),
                Arguments.of("MySQL", TIMEOUTS + "CREATE INDEX t_note_idx ON t (note) ALGORITHM=INPLACE LOCK=NONE;"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ADD INDEX t_note_idx (note);"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ADD INDEX (note);"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ADD KEY t_note_idx (note);"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ADD UNIQUE KEY t_note_key (note);"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ADD UNIQUE INDEX t_note_key (note);"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t DROP INDEX t_n_idx;"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t DROP KEY t_n_idx;"),
                Arguments.of("MySQL", TIMEOUTS + "DROP INDEX t_n_idx ON t;"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t CHANGE note remark text;"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t CHANGE COLUMN note remark text;"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t MODIFY note text NOT NULL;"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t MODIFY COLUMN note longtext;"),
                Arguments.of("MySQL", "INSERT INTO t SET id = 'a', n = 1;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid, n int);\nINSERT INTO x SET n = 1;"),
                Arguments.of("MySQL", "UPDATE t, p SET t.note = 'x' WHERE t.p_id = p.id;"),
                Arguments.of("MySQL", "UPDATE t JOIN p ON t.p_id = p.id SET t.note = 'x';"),
                Arguments.of("MySQL", "DELETE t FROM t JOIN p ON t.p_id = p.id;"),
                Arguments.of("MySQL", "DELETE t.* FROM t, p WHERE t.p_id = p.id;"),
                Arguments.of("MySQL", "SET @sql = 'SELECT 1';\nPREPARE stmt FROM @sql;"),
                Arguments.of("MySQL", "PREPARE stmt FROM 'SELECT 1';"),
                Arguments.of("MySQL", "PREPARE stmt FROM 'SELECT 1';\nEXECUTE stmt;\nDEALLOCATE PREPARE stmt;"),
                Arguments.of("MySQL", "EXECUTE stmt USING @x;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid) ENGINE=InnoDB;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid) ENGINE InnoDB;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid) DEFAULT CHARSET=utf8mb4;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid) CHARSET=utf8mb4;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid) DEFAULT CHARACTER SET utf8mb4;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid) COLLATE=utf8mb4_unicode_ci;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid) ROW_FORMAT=DYNAMIC;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid) AUTO_INCREMENT=5;"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid) COMMENT='things';"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid) COMMENT 'things';"),
                Arguments.of(
                        "MySQL",
                        "CREATE TABLE x (id uuid) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 "
                                + "COLLATE=utf8mb4_unicode_ci ROW_FORMAT=DYNAMIC AUTO_INCREMENT=5 COMMENT='things';"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ADD COLUMN body mediumtext;"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ADD COLUMN body longblob;"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t ALTER COLUMN note TYPE mediumtext;"),
                Arguments.of("MySQL", TIMEOUTS + "ALTER TABLE t MODIFY note longblob;"),
                Arguments.of(
                        "MySQL",
                        "DELIMITER $$\nCREATE PROCEDURE touch_all()\nBEGIN\n  UPDATE t SET note = 'x';\n"
                                + "  SELECT 1;\nEND$$\nDELIMITER ;\n"),
                Arguments.of(
                        "MySQL",
                        "DELIMITER //\nCREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW\nBEGIN\n"
                                + "  SET NEW.note = 'x';\nEND //\nDELIMITER ;\nSELECT 1;"),
                Arguments.of("MySQL", "CREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND;"),
                Arguments.of("MySQL", "SHOW TABLES;"),
                Arguments.of("MySQL", "SHOW CREATE TABLE t;"),
                Arguments.of("MySQL", "DESCRIBE t;"),
                Arguments.of("MySQL", "DESC t;"),
                Arguments.of("MySQL", "CREATE TABLE `x` (`id` uuid);"),
                Arguments.of("MySQL", "SELECT `note` FROM t;"),
                Arguments.of("MySQL", "SET FOREIGN_KEY_CHECKS = 0;"),
                Arguments.of("MySQL", "SET sql_mode = 'STRICT_TRANS_TABLES';"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid, n int UNSIGNED);"),
                Arguments.of("MySQL", "CREATE TABLE x (id uuid, n int, KEY x_n_idx (n));"),
                // SQL Server
                Arguments.of("SQL Server", "CREATE TABLE [x] ([id] uuid);"),
                Arguments.of("SQL Server", "CREATE TABLE [dbo].[x] (id uuid);"),
                Arguments.of("SQL Server", "SELECT [note] FROM t;"),
                Arguments.of("SQL Server", "CREATE TABLE x (id int IDENTITY(1,1) PRIMARY KEY);"),
                Arguments.of("SQL Server", "CREATE TABLE x (id uuid, name NVARCHAR(MAX));"),
                Arguments.of("SQL Server", "CREATE TABLE x (id uuid, name varchar(max));"),
                Arguments.of("SQL Server", "CREATE TABLE x (id uuid)\nGO\n"),
                Arguments.of("SQL Server", "SELECT 1;\nGO\nSELECT 2;"),
                Arguments.of("SQL Server", "EXEC sp_rename 't.note', 'remark', 'COLUMN';"),
                Arguments.of("SQL Server", "sp_rename 't.note', 'remark', 'COLUMN';"),
                Arguments.of("SQL Server", "SELECT TOP 10 * FROM t;"),
                Arguments.of("SQL Server", "SELECT TOP (10) n FROM t;"),
                Arguments.of("SQL Server", "SET IDENTITY_INSERT t ON;"),
                Arguments.of("SQL Server", "SET NOCOUNT ON;"),
                Arguments.of("SQL Server", "CREATE TABLE x (id uuid, active BIT NOT NULL);"),
                Arguments.of("SQL Server", TIMEOUTS + "ALTER TABLE t ADD COLUMN active bit;"),
                Arguments.of("SQL Server", "CREATE TABLE x (id uuid, at DATETIME2);"),
                Arguments.of("SQL Server", "CREATE TABLE x (id UNIQUEIDENTIFIER);"),
                Arguments.of("SQL Server", "SELECT GETDATE();"),
                // Oracle
                Arguments.of("Oracle", "CREATE TABLE x (id uuid, name VARCHAR2(40));"),
                Arguments.of("Oracle", "CREATE TABLE x (id uuid, n NUMBER(10));"),
                Arguments.of("Oracle", TIMEOUTS + "ALTER TABLE t ADD COLUMN c NUMBER(10, 2);"),
                Arguments.of("Oracle", "CREATE SEQUENCE x_seq START WITH 1 NOCACHE;"),
                Arguments.of("Oracle", "CREATE SEQUENCE x_seq NOCYCLE;"),
                Arguments.of("Oracle", "SELECT 1 FROM DUAL;"),
                Arguments.of("Oracle", "SELECT n FROM t WHERE ROWNUM <= 10;"),
                Arguments.of("Oracle", "SELECT SYSDATE FROM t;"),
                Arguments.of("Oracle", "SELECT NVL(n, 0) FROM t;"),
                // CockroachDB, whose histories sit beside PostgreSQL's and look alike
                Arguments.of("CockroachDB", "CREATE INVERTED INDEX t_note_idx ON t (note);"),
                Arguments.of("CockroachDB", "CREATE INDEX t_n_idx ON t (n) STORING (note);"),
                Arguments.of("CockroachDB", "CREATE INDEX t_n_idx ON t (n) USING HASH;"),
                Arguments.of("CockroachDB", TIMEOUTS + "ALTER TABLE t ALTER PRIMARY KEY USING COLUMNS (id, n);"),
                Arguments.of(
                        "CockroachDB",
                        TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT IF NOT EXISTS t_n_check CHECK (n > 0) NOT VALID;"),
                Arguments.of(
                        "CockroachDB", TIMEOUTS + "ALTER TABLE t ADD COLUMN c text, RENAME CONSTRAINT t_pkey TO t_pk;"),
                Arguments.of(
                        "CockroachDB", TIMEOUTS + "ALTER TABLE t RENAME CONSTRAINT t_pkey TO t_pk, ADD COLUMN c text;"),
                // SQLite
                Arguments.of("SQLite", "CREATE TABLE x (id INTEGER PRIMARY KEY AUTOINCREMENT);"),
                Arguments.of("SQLite", "PRAGMA foreign_keys = ON;"),
                Arguments.of(
                        "SQLite", "SELECT strftime('%s', 'now'), datetime('now', '+1 day'), randomblob(16) FROM t;"),
                Arguments.of("SQLite", "SELECT iif(n > 0, 1, 0) FROM t;"),
                Arguments.of("SQLite", "CREATE TABLE x (id uuid PRIMARY KEY) WITHOUT ROWID;"),
                Arguments.of("SQLite", "INSERT OR REPLACE INTO t (id) VALUES ('a');"),
                Arguments.of("SQLite", "CREATE VIEW IF NOT EXISTS v AS SELECT 1;"),
                Arguments.of(
                        "SQLite",
                        "CREATE TRIGGER IF NOT EXISTS t_x AFTER INSERT ON t " + "FOR EACH ROW EXECUTE FUNCTION f();"));
    }

    static Stream<Arguments> postgres() {
        return Stream.of(
                Arguments.of("SET search_path = x;"),
                Arguments.of("SELECT jsonb_array_length(doc), doc ->> 'a', to_char(at, 'YYYY'), split_part(s, ',', 1), "
                        + "json_object_keys(doc::json), jsonb_set(doc, '{a}', '1') FROM x;"),
                Arguments.of("SET LOCAL lock_timeout = '5s';"),
                // The PostgreSQL forms of the MySQL and SQLite idioms above
                Arguments.of(
                        "CREATE TABLE x (id uuid, n int, m int GENERATED ALWAYS AS (n * 2) STORED, "
                                + "v int GENERATED ALWAYS AS (n + 1) VIRTUAL, i bigint GENERATED BY DEFAULT AS IDENTITY, b bytea);"),
                Arguments.of("SELECT CASE WHEN n > 0 THEN 'a' ELSE 'b' END, created_at + interval '1 day', "
                        + "created_at + n * interval '1 second', date_add(created_at, interval '1 day'), "
                        + "interval '5' day, created_at AT TIME ZONE 'UTC' FROM t;"),
                Arguments.of("SELECT '1'::interval AS day, CAST(n AS double precision), n::double precision, "
                        + "CAST(note AS timestamptz), encode(sha256(note::bytea), 'hex'), to_hex(n), "
                        + "to_char(created_at, 'YYYY'), gen_random_uuid() FROM t;"),
                Arguments.of("CREATE TABLE x (id uuid, a interval NOT NULL, b interval second, "
                        + "c interval DEFAULT '1 day', d interval day to second);"),
                Arguments.of("-- keel:non-transactional\nCREATE DATABASE app WITH OWNER = app ENCODING = 'UTF8' "
                        + "LC_COLLATE = 'C' TEMPLATE template0;"),
                Arguments.of("ALTER DATABASE app SET search_path = app;"),
                Arguments.of(
                        "CREATE TABLE x (id uuid, n int, PRIMARY KEY (id), UNIQUE (n), EXCLUDE USING btree (n WITH =));\n"
                                + "CREATE UNIQUE INDEX x_n_idx ON x (n DESC) INCLUDE (id);\n"
                                + "CREATE INDEX x_h_idx ON x USING hash (n);\n"
                                + "SELECT n FROM (SELECT n FROM x ORDER BY n DESC) s;"),
                Arguments.of(TIMEOUTS + "ALTER TABLE IF EXISTS ONLY t RENAME CONSTRAINT t_pkey TO t_pk;"),
                Arguments.of("CREATE SCHEMA app AUTHORIZATION app CREATE TABLE x (id uuid, note text COLLATE \"C\");"),
                Arguments.of(TIMEOUTS + "ALTER TABLE t ALTER COLUMN note TYPE text;"),
                Arguments.of("CREATE TABLE x (id uuid, a character varying(20), b numeric(10,2), c timestamp(3), "
                        + "d varchar(20), e bit(8), f bit varying(4), g int[], h integer, i bigint, j smallint, "
                        + "k boolean, l double precision, m interval(2), key text, index integer);"),
                Arguments.of("COMMENT ON TABLE t IS 'things';\nCOMMENT ON COLUMN t.note IS 'why';"),
                Arguments.of("CREATE TABLE x (id uuid, n int);\nCREATE INDEX x_n_idx ON x (n);\nDROP INDEX x_n_idx;"),
                Arguments.of("-- keel:non-transactional\nDROP INDEX CONCURRENTLY t_n_idx;"),
                Arguments.of(TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT t_name_key UNIQUE USING INDEX t_name_idx;"),
                Arguments.of(TIMEOUTS + "ALTER TABLE t ADD COLUMN key text, ADD COLUMN index integer;"),
                Arguments.of(TIMEOUTS + "ALTER TABLE t ADD key varchar(10);"),
                Arguments.of(TIMEOUTS + "ALTER TABLE t DROP COLUMN index;"),
                Arguments.of("PREPARE p (int) AS SELECT $1;\nEXECUTE p(1);\nDEALLOCATE p;"),
                Arguments.of("PREPARE q AS SELECT 1;\nEXECUTE q;\nDEALLOCATE PREPARE q;"),
                Arguments.of("PREPARE TRANSACTION 'x';"),
                Arguments.of("INSERT INTO t (id) VALUES ('a') ON CONFLICT (id) DO UPDATE SET n = 1;"),
                Arguments.of("UPDATE t SET note = p.id::text FROM p WHERE t.p_id = p.id;"),
                Arguments.of("UPDATE t AS x SET note = 'y' WHERE x.n = 1;"),
                Arguments.of("DELETE FROM t USING p WHERE t.p_id = p.id;"),
                Arguments.of("SHOW search_path;"),
                Arguments.of("SHOW ALL;"),
                Arguments.of("SELECT n FROM t ORDER BY n DESC LIMIT 10;"),
                Arguments.of("SELECT (ARRAY[1, 2])[1], x.a[1] FROM (SELECT ARRAY[n] AS a FROM t) x;"),
                Arguments.of("SELECT '{1,2}'::int[], n FROM t WHERE n = ANY (ARRAY[1, 2]);"),
                Arguments.of(
                        "CREATE TABLE x (id bigint GENERATED ALWAYS AS IDENTITY (START WITH 1 CACHE 10 NO CYCLE));"),
                Arguments.of("CREATE SEQUENCE x_seq START WITH 1 CACHE 1 NO CYCLE;"),
                Arguments.of("CREATE TABLE IF NOT EXISTS x (id uuid);\nCREATE INDEX IF NOT EXISTS x_idx ON x (id);"),
                Arguments.of("CREATE SCHEMA IF NOT EXISTS s;\nCREATE EXTENSION IF NOT EXISTS pgcrypto;"),
                Arguments.of("CREATE TABLE x (id uuid) WITH (fillfactor = 70) TABLESPACE fast;"),
                Arguments.of("CREATE TABLE x (id uuid, at timestamptz) PARTITION BY RANGE (at);"),
                Arguments.of("CREATE TABLE charset (id uuid);\nCREATE TABLE engine (id uuid);"),
                Arguments.of("CREATE TABLE x (id uuid, note text COLLATE \"C\");"),
                Arguments.of("MERGE INTO t USING p ON t.p_id = p.id WHEN MATCHED THEN DO NOTHING;"),
                Arguments.of("CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN 1;\nEND\n$$;"),
                Arguments.of("CREATE PROCEDURE p() LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\nEND;"),
                Arguments.of("COPY t (n) FROM stdin WITH\nDELIMITER ',';"),
                Arguments.of("SELECT \"desc\", note AS \"top\" FROM t;"),
                Arguments.of("CREATE TABLE x (id uuid, rownum_hint int, dual_mode boolean, go text);"),
                Arguments.of("SELECT n FROM t WHERE ARRAY[n] @>ARRAY[1] AND ARRAY[1] <@ARRAY[n] AND @ n > 0;"),
                Arguments.of("SHOW SESSION AUTHORIZATION;\nSHOW TIME ZONE;"),
                Arguments.of("SELECT index[1], key[n] FROM (SELECT ARRAY[1] AS index, ARRAY[2] AS key, 1 AS n) s;"),
                Arguments.of("SET LOCAL TimeZone = 'UTC';\nSET LOCAL client_encoding = 'UTF8';"),
                Arguments.of(TIMEOUTS + "ALTER TABLE t DROP CONSTRAINT t_pkey, DROP COLUMN note;"),
                Arguments.of("CREATE OR REPLACE VIEW v AS SELECT 1;\nCREATE OR REPLACE FUNCTION f() RETURNS int "
                        + "LANGUAGE sql AS 'SELECT 1';"));
    }

    /** Foreign SQL the checker once misread as a lock, transaction or session finding: postgres-only alone now. */
    static Stream<Arguments> onlyForeign() {
        return Stream.of(
                Arguments.of(TIMEOUTS + "DROP INDEX t_n_idx ON t;"),
                Arguments.of(TIMEOUTS + "DROP INDEX `t_n_idx` ON `t`;"),
                Arguments.of("PREPARE stmt FROM 'SELECT 1';\nEXECUTE stmt;\nDEALLOCATE PREPARE stmt;"),
                Arguments.of("SET @sql = 'SELECT 1';\nPREPARE stmt FROM @sql;\nEXECUTE stmt USING @x;"),
                Arguments.of("SET @x = 1;"),
                Arguments.of("SET IDENTITY_INSERT t ON;\nSET FOREIGN_KEY_CHECKS = 0;"),
                Arguments.of(TIMEOUTS + "ALTER TABLE t DROP INDEX t_n_idx;"),
                Arguments.of(TIMEOUTS + "ALTER TABLE t ADD INDEX t_note_idx (note);"),
                Arguments.of("SHOW TABLES;\nSHOW CREATE TABLE t;\nDESCRIBE t;\nDESC t;"),
                Arguments.of("DELIMITER $$\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND$$\nDELIMITER ;\n"),
                Arguments.of("CREATE PROCEDURE p()\nBEGIN\n  IF 1 = 1 THEN\n    SELECT 1;\n  END IF;\n"
                        + "  CASE WHEN 1 = 1 THEN SELECT 2; END CASE;\nEND;\nSELECT 3;"),
                Arguments.of("EXEC sp_rename 't.note', 'remark', 'COLUMN';\nGO"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("foreign")
    void reportsTheForeignIdiomAsPostgresOnly(String dialect, String sql) {
        List<Finding> findings = LintFixture.findingsOf(root, sql);

        assertThat(LintFixture.rules(findings)).contains("postgres-only").doesNotContainAnyElementsOf(MISREADINGS);
        assertThat(findings)
                .filteredOn(finding -> finding.rule().equals("postgres-only"))
                .anySatisfy(finding -> assertThat(finding.message()).contains(dialect))
                .allSatisfy(finding -> {
                    assertThat(finding.line()).isPositive();
                    assertThat(finding.column()).isPositive();
                });
    }

    @ParameterizedTest(name = "only postgres-only: {0}")
    @MethodSource("onlyForeign")
    void reportsMisreadForeignSqlUnderPostgresOnlyAlone(String sql) {
        assertThat(LintFixture.rules(LintFixture.findingsOf(root, sql)))
                .isNotEmpty()
                .containsOnly("postgres-only");
    }

    @ParameterizedTest(name = "clean: {0}")
    @MethodSource("postgres")
    void letsValidPostgresThrough(String sql) {
        List<Finding> findings = LintFixture.findingsOf(root, sql);

        assertThat(findings)
                .filteredOn(finding -> finding.rule().equals("postgres-only"))
                .isEmpty();
        assertThat(LintFixture.rules(findings)).doesNotContain("syntax");
    }
}
