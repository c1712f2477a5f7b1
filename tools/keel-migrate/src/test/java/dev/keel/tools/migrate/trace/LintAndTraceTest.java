package dev.keel.tools.migrate.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.LintResult;
import dev.keel.tools.lint.MigrationLinter;
import dev.keel.tools.lint.ReleaseHistory;
import dev.keel.tools.lint.Rule;
import dev.keel.tools.migrate.data.RowGenerator;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The static checker's real findings fed into the trace, with one release history for both, as
 * keel-migrate trace does: where the rules and the replay must agree.
 */
// Lock sampling catches short locks only with the machine to itself.
@Isolated
class LintAndTraceTest {

    /** Released: a live table t, and a live table p that new tables reference. */
    private static final String BASE = """
            CREATE TABLE p (id bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE t (id bigint PRIMARY KEY, n integer NOT NULL, name text);
            """;

    private static final String TIMEOUTS = "SET LOCAL lock_timeout = '5s';\nSET LOCAL statement_timeout = '60s';\n";

    @TempDir
    Path root;

    /** What the linter said and what the trace made of it. */
    private record Run(LintResult lint, TraceReport trace, String text) {

        List<Finding> lintIn(MigrationFiles files, int index) {
            String file = files.migrations().get(index).file().toString();
            return lint.findings().stream()
                    .filter(finding -> finding.file().equals(file))
                    .toList();
        }
    }

    @Test
    void anIndexOnATableAnEarlierMigrationOfTheSameUnreleasedGroupCreatedIsNewToBoth() throws IOException {
        MigrationFiles files = write(
                BASE,
                "CREATE TABLE gadget (id bigint PRIMARY KEY, name text NOT NULL);\n",
                "CREATE INDEX gadget_name_idx ON gadget (name);\n");
        ReleaseHistory releases =
                ReleaseHistory.unreleasedFrom(files.migrations().get(1).version(), files.migrations());

        Run run = run(files, releases);

        assertThat(run.lintIn(files, 2)).extracting(Finding::rule).doesNotContain(Rule.INDEX_CONCURRENTLY.id());
        assertThat(run.trace().observations()).as(run.text()).isEmpty();
        assertThat(run.trace().failed()).isFalse();
        assertThat(run.text())
                .contains("V20260101000002__m2.sql  (one transaction, 1 statement", "touched no live table");
    }

    @Test
    void inTheStrictReadingTheSameIndexIsOnALiveTableForBoth() throws IOException {
        MigrationFiles files = write(
                BASE,
                "CREATE TABLE gadget (id bigint PRIMARY KEY, name text NOT NULL);\n",
                "CREATE INDEX gadget_name_idx ON gadget (name);\n");

        Run run = run(files, ReleaseHistory.everyFileReleased("test"));

        assertThat(run.lintIn(files, 2)).extracting(Finding::rule).contains(Rule.INDEX_CONCURRENTLY.id());
        assertThat(run.trace().missed()).as(run.text()).isEmpty();
        assertThat(run.trace().confirmed())
                .extracting(TraceReport.Observation::rule)
                .contains(Rule.TRACE_WRITE_LOCK);
    }

    @Test
    void aNewTableReferencingALiveOneWithTimeoutsSetIsClean() throws IOException {
        MigrationFiles files = write(BASE, TIMEOUTS + """
                CREATE TABLE child (
                    id   bigint PRIMARY KEY,
                    p_id bigint NOT NULL REFERENCES p (id));
                CREATE INDEX child_p_id_idx ON child (p_id);
                """);

        Run run = run(files, ReleaseHistory.everyFileReleased("test"));

        // The foreign key takes SHARE ROW EXCLUSIVE on p: brief, behind a lock_timeout, over no scan of p.
        TraceReport.HeldLock onP = run.trace().migrations().get(1).effects().stream()
                .flatMap(effects -> effects.locks().stream())
                .filter(lock -> lock.relation().equals("p"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(run.text()));
        assertThat(onP.mode()).isEqualTo(LockMode.SHARE_ROW_EXCLUSIVE);
        assertThat(onP.lockTimeoutSet()).isTrue();
        assertThat(run.trace().missed()).as(run.text()).isEmpty();
        assertThat(run.trace().failed()).isFalse();
    }

    @Test
    void aDeclaredConcurrentIndexAloneInItsFileOnALiveTableIsClean() throws IOException {
        MigrationFiles files = write(BASE, """
                -- keel:non-transactional
                CREATE INDEX CONCURRENTLY t_n_idx ON t (n);
                """);

        Run run = run(files, ReleaseHistory.everyFileReleased("test"));

        assertThat(run.trace().migrations().get(1).transactional()).isFalse();
        assertThat(run.trace().missed()).as(run.text()).isEmpty();
        assertThat(run.trace().failed()).as(run.text()).isFalse();
        assertThat(run.lintIn(files, 1))
                .extracting(Finding::rule)
                .doesNotContain(Rule.INDEX_CONCURRENTLY.id(), Rule.NON_TRANSACTIONAL_UNDECLARED.id());
    }

    @Test
    void aRewritingTypeChangeOnALiveTableIsReportedByLintAndConfirmedByTheTrace() throws IOException {
        MigrationFiles files = write(BASE, TIMEOUTS + "ALTER TABLE t ALTER COLUMN n TYPE bigint;\n");

        Run run = run(files, ReleaseHistory.everyFileReleased("test"));

        assertThat(run.lintIn(files, 1)).extracting(Finding::rule).contains(Rule.REWRITING_TYPE_CHANGE.id());
        assertThat(run.trace().missed()).as(run.text()).isEmpty();
        assertThat(run.trace().confirmed())
                .extracting(TraceReport.Observation::rule)
                .contains(Rule.TRACE_REWRITE, Rule.TRACE_EXCLUSIVE_LOCK);
        assertThat(run.text()).contains("confirmed trace-rewrite by rewriting-type-change (line 3)");
    }

    private Run run(MigrationFiles files, ReleaseHistory releases) {
        LintResult lint = new MigrationLinter(releases).lint(files, List.of());
        TraceReport trace = new MigrationTrace(
                        TestServices.newDatabase("lint_and_trace")::connect,
                        new RowGenerator(RowGenerator.DEFAULT_ROWS, RowGenerator.DEFAULT_SEED),
                        releases)
                .run(files, MigrationTrace.Resolver.none(), lint.findings(), lint.suppressed());
        StringWriter text = new StringWriter();
        trace.print(new PrintWriter(text));
        return new Run(lint, trace, text.toString());
    }

    /** Each SQL text as the next migration, oldest first. */
    private MigrationFiles write(String... migrations) throws IOException {
        Path folder = Files.createDirectories(root.resolve("migration"));
        for (int i = 0; i < migrations.length; i++) {
            Files.writeString(folder.resolve("V%014d__m%d.sql".formatted(20260101000000L + i, i)), migrations[i]);
        }
        return new MigrationFiles(root);
    }
}
