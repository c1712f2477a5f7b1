package dev.keel.tools.lint;

import static dev.keel.tools.lint.LintFixture.TIMEOUTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.migration.MigrationFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The holes tracing every statement kind on PostgreSQL 17 found in the rules (see
 * LockTableTraceTest): a type change that keeps the table still rebuilds the indexes on the column
 * that have an expression or a predicate, under ACCESS EXCLUSIVE; DROP MATERIALIZED VIEW
 * takes ACCESS EXCLUSIVE; ENABLE/DISABLE TRIGGER takes SHARE ROW EXCLUSIVE, CLUSTER ON and RESET
 * (...) SHARE UPDATE EXCLUSIVE, not the ACCESS EXCLUSIVE the rules assumed.
 */
class LockTableGapsTest {

    /** Released after the base: an expression index on t.note, a partial one on t.name, a unique one, a view. */
    private static final String INDEXES = """
            CREATE INDEX t_note_lower_idx ON t (lower(note));
            CREATE INDEX t_name_live_idx ON t (name) WHERE archived_at IS NULL;
            CREATE UNIQUE INDEX t_price_key ON t (price);
            CREATE MATERIALIZED VIEW t_summary AS SELECT n FROM t;
            """;

    @TempDir
    Path root;

    static Stream<Arguments> flagged() {
        return Stream.of(
                // same type: PostgreSQL rebuilds t_note_lower_idx (relfilenode changes), not the table
                Arguments.of("rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN note TYPE text;"),
                // binary-coercible varchar(20) to text: the partial index on name is rebuilt
                Arguments.of("rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN name TYPE text;"),
                Arguments.of(
                        "statement-timeout",
                        "SET LOCAL lock_timeout = '5s';\nALTER TABLE t ALTER COLUMN note TYPE text;"),
                // the rebuild is work: another table held meanwhile waits for it (t's own lock it takes anyway)
                Arguments.of(
                        "work-after-exclusive-lock",
                        TIMEOUTS + "ALTER TABLE p ADD COLUMN c text;\nALTER TABLE t ALTER COLUMN note TYPE text;"),
                // the index follows its column's new name
                Arguments.of(
                        "rewriting-type-change",
                        TIMEOUTS + "ALTER TABLE t RENAME COLUMN note TO remark;\n"
                                + "ALTER TABLE t ALTER COLUMN remark TYPE text;"),
                Arguments.of("lock-timeout", "DROP MATERIALIZED VIEW t_summary;"),
                Arguments.of("lock-timeout", "ALTER TABLE t ENABLE TRIGGER t_touch;"),
                Arguments.of("lock-timeout", "ALTER TABLE t ALTER COLUMN note TYPE text;"));
    }

    static Stream<Arguments> notFlagged() {
        return Stream.of(
                // indexes on the plain column (t_n_idx, the unique t_price_key) are kept
                Arguments.of("rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN n TYPE integer;"),
                Arguments.of(
                        "rewriting-type-change", TIMEOUTS + "ALTER TABLE t ALTER COLUMN price TYPE numeric(12, 2);"),
                Arguments.of(
                        "rewriting-type-change",
                        TIMEOUTS + "DROP INDEX t_note_lower_idx;\nALTER TABLE t ALTER COLUMN note TYPE text;"),
                Arguments.of("lock-timeout", "ALTER TABLE t CLUSTER ON t_n_idx;"),
                Arguments.of("lock-timeout", "ALTER TABLE t RESET (fillfactor);"),
                Arguments.of(
                        "lock-timeout", "CREATE MATERIALIZED VIEW x AS SELECT 1 AS one;\nDROP MATERIALIZED VIEW x;"),
                // SHARE ROW EXCLUSIVE lets reads through: what follows is not work under an exclusive lock
                Arguments.of(
                        "work-after-exclusive-lock",
                        TIMEOUTS + "ALTER TABLE t DISABLE TRIGGER t_touch;\n"
                                + "CREATE INDEX t_note_idx ON t (note);"));
    }

    @ParameterizedTest(name = "{0} flags: {1}")
    @MethodSource("flagged")
    void flags(String rule, String sql) {
        assertThat(LintFixture.rules(findingsOf(sql))).contains(rule);
    }

    @ParameterizedTest(name = "{0} lets through: {1}")
    @MethodSource("notFlagged")
    void letsThrough(String rule, String sql) {
        assertThat(LintFixture.rules(findingsOf(sql))).doesNotContain(rule);
    }

    @org.junit.jupiter.api.Test
    void theMessageNamesTheRebuiltIndexesAndTheMeasuredLock() {
        List<Finding> findings = findingsOf(TIMEOUTS + "ALTER TABLE t ALTER COLUMN note TYPE text;");

        assertThat(findings)
                .filteredOn(finding -> finding.rule().equals("rewriting-type-change"))
                .extracting(Finding::message)
                .containsExactly(
                        "ALTER COLUMN t.note TYPE text keeps the table but rebuilds t_note_lower_idx (an index on "
                                + "the column with an expression or a predicate) under an ACCESS EXCLUSIVE lock");
    }

    private List<Finding> findingsOf(String sql) {
        MigrationFiles files = LintFixture.write(root, LintFixture.BASE, INDEXES, sql);
        return LintFixture.inLast(
                files, new MigrationLinter(ReleaseHistory.everyFileReleased("test")).lint(files, List.of()));
    }
}
