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
 * What the schema model used to lose, distilled from real migration histories: the constraints of
 * array-typed columns, a column dropped and added again, and the lock the policy statements take
 * (ACCESS EXCLUSIVE on the table, measured on PostgreSQL 17 with pg_locks).
 */
class SchemaModelGapsTest {

    @TempDir
    Path root;

    static Stream<Arguments> flagged() {
        return Stream.of(
                Arguments.of(
                        "table-rewrite",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN labels text[] GENERATED ALWAYS AS (ARRAY[note]) STORED;"),
                Arguments.of(
                        "required-column-without-default", TIMEOUTS + "ALTER TABLE t ADD COLUMN ids uuid[] NOT NULL;"),
                Arguments.of(
                        "volatile-default",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN codes int[][] DEFAULT ARRAY[[random()::int]];"),
                Arguments.of(
                        "required-column-without-default",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN ids uuid ARRAY[4] NOT NULL;"),
                // dropped, added again nullable: making it NOT NULL scans every row
                Arguments.of(
                        "set-not-null",
                        TIMEOUTS + "ALTER TABLE t DROP COLUMN created_at;\n"
                                + "ALTER TABLE t ADD COLUMN created_at timestamptz;\n"
                                + "ALTER TABLE t ALTER COLUMN created_at SET NOT NULL;"),
                Arguments.of("lock-timeout", "CREATE POLICY t_own ON t USING (true);"),
                Arguments.of("lock-timeout", "ALTER POLICY t_own ON t USING (false);"),
                Arguments.of("lock-timeout", "DROP POLICY IF EXISTS t_own ON t;"));
    }

    static Stream<Arguments> notFlagged() {
        return Stream.of(
                // an array column without a rewrite, and a policy on a new table
                Arguments.of("table-rewrite", TIMEOUTS + "ALTER TABLE t ADD COLUMN tags text[] DEFAULT '{}';"),
                Arguments.of("lock-timeout", "CREATE TABLE x (id uuid);\nCREATE POLICY x_own ON x USING (true);"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN c text;\nCREATE POLICY t_own ON t USING (true);"),
                Arguments.of(
                        "work-after-exclusive-lock",
                        TIMEOUTS + "ALTER TABLE t ADD COLUMN c text;\nCREATE POLICY p_own ON p USING (true);"));
    }

    @ParameterizedTest(name = "{0} flags: {1}")
    @MethodSource("flagged")
    void flags(String rule, String sql) {
        List<Finding> findings = LintFixture.findingsOf(root, sql);
        assertThat(LintFixture.rules(findings)).contains(rule);
    }

    @ParameterizedTest(name = "{0} lets through: {1}")
    @MethodSource("notFlagged")
    void letsThrough(String rule, String sql) {
        assertThat(LintFixture.rules(LintFixture.findingsOf(root, sql))).doesNotContain(rule);
    }
}
