package dev.keel.tools.migrate.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.ReleaseHistory;
import dev.keel.tools.lint.Rule;
import dev.keel.tools.migrate.data.RowGenerator;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** The trace on a real PostgreSQL 17, each test on a database and migration files of its own. */
// Lock sampling catches short locks only with the machine to itself.
@Isolated
class MigrationTraceTest {

    private static final String CREATE_T = """
            CREATE TABLE t (
                id bigint PRIMARY KEY,
                n  int NOT NULL,
                s  text);
            """;
    private static final String SECOND = "V20260101000100__change_t.sql";

    private static final ReleaseHistory EVERY_FILE_RELEASED =
            ReleaseHistory.everyFileReleased("every file its own release");

    @TempDir
    Path root;

    /** The database the last trace ran on: each trace gets an empty one. */
    private PostgresEndpoint database;

    @Test
    void aTypeChangeRewritesTheTableAndIsMissedWithoutAStaticFinding() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE t
                    ALTER COLUMN n TYPE bigint;
                """);

        TraceReport report = trace(files, List.of());

        assertThat(report.failure()).isEmpty();
        TraceReport.Observation rewrite = only(report, Rule.TRACE_REWRITE);
        assertThat(rewrite.file()).isEqualTo(file(files, SECOND));
        assertThat(rewrite.line()).isEqualTo(2);
        assertThat(rewrite.relations()).contains("t", "t_pkey");
        assertThat(rewrite.message()).contains("t held 200 rows");
        assertThat(rewrite.missed()).isTrue();
        TraceReport.Observation lock = only(report, Rule.TRACE_EXCLUSIVE_LOCK);
        assertThat(lock.mode()).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
        assertThat(lock.message()).contains("the statement scanned t (200 rows) while holding it");
        assertThat(report.missed())
                .extracting(Finding::rule)
                .containsExactlyInAnyOrder("trace-rewrite", "trace-exclusive-lock");
        assertThat(report.missed())
                .allSatisfy(finding -> assertThat(finding.line()).isEqualTo(2));
    }

    @Test
    void aStaticFindingAnywhereInTheStatementConfirmsTheRewrite() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE t
                    ALTER COLUMN n TYPE bigint;
                """);
        Finding typeChange = Finding.of(Rule.REWRITING_TYPE_CHANGE, file(files, SECOND), 3, 5, "n int to bigint");

        TraceReport report = trace(files, List.of(typeChange));

        assertThat(report.missed()).isEmpty();
        assertThat(report.observations())
                .extracting(TraceReport.Observation::rule)
                .contains(Rule.TRACE_REWRITE, Rule.TRACE_EXCLUSIVE_LOCK);
        assertThat(only(report, Rule.TRACE_REWRITE).confirmedBy()).containsExactly("rewriting-type-change (line 3)");
        assertThat(report.notObserved()).isEmpty();
    }

    @Test
    void aPlainCreateIndexOnAnExistingTableTakesAWriteBlockingShareLockOverAScan() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                SET LOCAL lock_timeout = '2s';
                CREATE INDEX t_n_idx ON t (n);
                """);

        TraceReport report = trace(files, List.of());

        TraceReport.Observation lock = only(report, Rule.TRACE_WRITE_LOCK);
        assertThat(lock.mode()).isEqualTo(LockMode.SHARE);
        assertThat(lock.relations()).containsExactly("t");
        assertThat(lock.line()).isEqualTo(2);
        assertThat(lock.message()).contains("SHARE lock on t blocked writes", "the statement scanned t (200 rows)");
        assertThat(report.missed()).extracting(Finding::rule).containsExactly("trace-write-lock");
        assertThat(report.observations()).noneMatch(observation -> observation.rule() == Rule.TRACE_REWRITE);
    }

    @Test
    void anAccessExclusiveLockHeldWhileALaterStatementWorksIsReported() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE t ADD COLUMN c text;
                UPDATE t SET c = s;
                SELECT pg_sleep(0.15);
                """);

        TraceReport report = trace(files, List.of());

        TraceReport.Observation lock = only(report, Rule.TRACE_EXCLUSIVE_LOCK);
        assertThat(lock.relations()).containsExactly("t");
        assertThat(lock.line()).isEqualTo(2);
        assertThat(lock.message())
                .contains("held while 2 later statements ran (scanning t (200 rows), one ran 1")
                .doesNotContain("the statement scanned", "lock_timeout 0");
        TraceReport.HeldLock held = effects(report, SECOND, 2).locks().getFirst();
        assertThat(held.mode()).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
        assertThat(held.laterStatements()).isEqualTo(2);
        assertThat(held.heldMillis()).isGreaterThanOrEqualTo(150);
        // The UPDATE's ROW EXCLUSIVE lock on t adds nothing to the ACCESS EXCLUSIVE one already held.
        assertThat(report.migrations().get(1).effects())
                .extracting(TraceReport.StatementEffects::line)
                .containsExactly(2);
    }

    @Test
    void anotherInstantChangeOfTheSameTableAfterTheLockIsNoWork() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE t ADD COLUMN c text;
                ALTER TABLE t ADD CONSTRAINT t_c_length CHECK (char_length(c) <= 50) NOT VALID;
                """);

        TraceReport report = trace(files, List.of());

        assertThat(report.observations()).isEmpty();
        assertThat(effects(report, SECOND, 2).locks().getFirst().laterStatements())
                .isEqualTo(1);
    }

    @Test
    void eachHazardNeedsAFindingAboutIt() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                ALTER TABLE t ADD COLUMN c text;
                UPDATE t SET c = s;
                """);
        String second = file(files, SECOND);
        List<Finding> findings = List.of(
                Finding.of(Rule.LOCK_TIMEOUT, second, 1, 1, "no lock_timeout"),
                Finding.of(Rule.STATEMENT_TIMEOUT, second, 1, 1, "no statement_timeout"));

        TraceReport report = trace(files, findings);

        TraceReport.Observation lock = only(report, Rule.TRACE_EXCLUSIVE_LOCK);
        assertThat(lock.confirmedBy()).containsExactly("lock-timeout (line 1)");
        assertThat(lock.uncovered()).containsExactly("held over later statements");
        assertThat(lock.missed()).isTrue();
        assertThat(lock.message()).endsWith("(no static finding reports the held over later statements)");

        Finding workAfter = Finding.of(Rule.WORK_AFTER_EXCLUSIVE_LOCK, second, 2, 1, "backfill after the ALTER");
        TraceReport covered = trace(files, List.of(findings.getFirst(), workAfter));

        assertThat(covered.missed()).isEmpty();
        assertThat(only(covered, Rule.TRACE_EXCLUSIVE_LOCK).confirmedBy())
                .containsExactly("lock-timeout (line 1)", "work-after-exclusive-lock (line 2)");
    }

    @Test
    void aKeelAllowCommentForTheTraceRuleAcceptsTheObservation() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                SET LOCAL lock_timeout = '2s';
                -- keel:allow trace-write-lock t is a small lookup table
                CREATE INDEX t_n_idx ON t (n);
                """);

        TraceReport report = trace(files, List.of());

        assertThat(report.missed()).isEmpty();
        assertThat(only(report, Rule.TRACE_WRITE_LOCK).confirmedBy())
                .containsExactly("keel:allow trace-write-lock (line 3)");
    }

    @Test
    void aBriefAccessExclusiveLockWithALockTimeoutIsTheSafePatternAndNoFinding() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE t ADD COLUMN c text;
                """);
        // A static finding on a statement whose danger the replay did not see is listed as not observed.
        Finding stricter =
                Finding.of(Rule.WORK_AFTER_EXCLUSIVE_LOCK, file(files, SECOND), 2, 1, "stricter than needed");

        TraceReport report = trace(files, List.of(stricter));

        assertThat(report.observations()).isEmpty();
        assertThat(report.missed()).isEmpty();
        assertThat(report.failed()).isFalse();
        assertThat(report.notObserved()).containsExactly(stricter);
        TraceReport.HeldLock held = effects(report, SECOND, 2).locks().getFirst();
        assertThat(held.relation()).isEqualTo("t");
        assertThat(held.mode()).isEqualTo(LockMode.ACCESS_EXCLUSIVE);
        assertThat(held.laterStatements()).isZero();
        assertThat(held.scanned()).isFalse();
        assertThat(held.lockTimeoutSet()).isTrue();
        assertThat(held.rows()).isEqualTo(200);
    }

    @Test
    void theSameChangeWithoutLockTimeoutIsMissed() throws IOException {
        MigrationFiles files = migrations(CREATE_T, "ALTER TABLE t ADD COLUMN c text;\n");

        TraceReport report = trace(files, List.of());

        assertThat(only(report, Rule.TRACE_EXCLUSIVE_LOCK).message()).contains("taken with lock_timeout 0");
    }

    @Test
    void objectsCreatedInTheSameFileAreNotReported() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                CREATE TABLE fresh (id bigint PRIMARY KEY, n int NOT NULL);
                INSERT INTO fresh SELECT g, g FROM generate_series(1, 100) g;
                CREATE INDEX fresh_n_idx ON fresh (n);
                ALTER TABLE fresh ALTER COLUMN n TYPE bigint;
                """);

        TraceReport report = trace(files, List.of());

        assertThat(report.observations()).isEmpty();
        assertThat(report.migrations().get(1).effects()).isEmpty();
        assertThat(report.migrations().get(1).statements()).isEqualTo(4);
    }

    @Test
    void aScriptConfigRunsTheFileOutsideATransactionAndItsLocksAreSampled() throws Exception {
        MigrationFiles files = migrations(CREATE_T, """
                -- keel:non-transactional
                SET lock_timeout = '2s';
                CREATE INDEX CONCURRENTLY t_n_idx ON t (n);
                """);
        Files.writeString(root.resolve("migration").resolve(SECOND + ".conf"), "executeInTransaction=false\n");

        // On a loaded machine the build of 20,000 rows took 58 ms and no poll of the sampler fell inside it. A
        // concurrent build waits, holding its lock on t, until every snapshot older than it has ended: one held here
        // until the lock has been granted for a while makes the build outlast many polls, however busy the machine.
        database = TestServices.newDatabase("trace");
        TraceReport report;
        try (Connection older = database.connect();
                Connection watcher = database.connect()) {
            older.setAutoCommit(false);
            older.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            string(older, "SELECT 1"); // the snapshot, kept to the commit
            Thread release = Thread.ofPlatform().start(() -> commitOnceTheBuildHoldsItsLock(older, watcher));
            report = traceOn(database, files, List.of(), 20_000, EVERY_FILE_RELEASED);
            release.join();
        }

        assertThat(report.failure()).isEmpty();
        assertThat(report.migrations().get(1).transactional()).isFalse();
        assertThat(report.migrations().get(1).millis())
                .as("the build waited for the older snapshot")
                .isGreaterThanOrEqualTo(200);
        TraceReport.StatementEffects create = effects(report, SECOND, 3);
        assertThat(create.sampled()).isTrue();
        assertThat(create.locks())
                .extracting(TraceReport.HeldLock::relation, TraceReport.HeldLock::mode)
                .contains(tuple("t", LockMode.SHARE_UPDATE_EXCLUSIVE));
        assertThat(create.locks()).allSatisfy(lock -> {
            assertThat(lock.mode().blocksWrites()).isFalse();
            assertThat(lock.heldMillis()).isNull();
        });
        assertThat(report.missed()).isEmpty();
        try (Connection connection = database.connect()) {
            assertThat(string(
                            connection, "SELECT indisvalid::text FROM pg_index WHERE indexrelid = 't_n_idx'::regclass"))
                    .isEqualTo("true");
        }
    }

    @Test
    void flywayRunsAFileOfOnlyConcurrentStatementsOutsideATransactionWithoutTheHeader() throws IOException {
        MigrationFiles files = migrations(CREATE_T, "CREATE INDEX CONCURRENTLY t_n_idx ON t (n);\n");

        TraceReport report = trace(files, List.of());

        assertThat(report.failure()).isEmpty();
        assertThat(report.migrations().get(1).transactional()).isFalse();
    }

    @Test
    void theKeelHeaderAloneDoesNotTakeAFileOutOfFlywaysTransaction() throws IOException {
        // SET is transactional to Flyway, so it wraps the file, and PostgreSQL refuses the concurrent build.
        MigrationFiles files = migrations(CREATE_T, """
                -- keel:non-transactional
                SET lock_timeout = '2s';
                CREATE INDEX CONCURRENTLY t_n_idx ON t (n);
                """);

        TraceReport report = trace(files, List.of());

        assertThat(report.migrations().get(1).transactional()).isTrue();
        assertThat(report.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.line()).isEqualTo(3);
            assertThat(failure.message()).contains("cannot run inside a transaction block");
        });
    }

    @Test
    void sampledLocksInformAndNeverFail() throws IOException {
        // DROP and REINDEX ... CONCURRENTLY end with a brief ACCESS EXCLUSIVE lock on the index itself, taken
        // without lock_timeout here: the sampler catches it in some runs and not in others.
        MigrationFiles files = migrations(
                CREATE_T + "CREATE INDEX t_n_idx ON t (n);\nCREATE INDEX t_s_idx ON t (s);\n",
                "DROP INDEX CONCURRENTLY t_n_idx;\n");
        Path third = root.resolve("migration").resolve("V20260101000200__reindex.sql");
        Files.writeString(third, "REINDEX INDEX CONCURRENTLY t_s_idx;\n");
        Files.writeString(third.resolveSibling(third.getFileName() + ".conf"), "executeInTransaction = false\n");

        for (int run = 0; run < 3; run++) {
            TraceReport report = trace(files, List.of(), 5_000);

            assertThat(report.failure()).isEmpty();
            assertThat(report.migrations())
                    .extracting(TraceReport.MigrationResult::transactional)
                    .containsExactly(true, false, false);
            assertThat(report.missed()).isEmpty();
            assertThat(report.failed()).isFalse();
            assertThat(report.observations())
                    .filteredOn(observation -> observation.mode() != null)
                    .allSatisfy(observation -> {
                        assertThat(observation.sampled()).isTrue();
                        assertThat(observation.message())
                                .contains("hold time not measured")
                                .doesNotContain(" ms");
                    });
            StringWriter text = new StringWriter();
            report.print(new PrintWriter(text));
            assertThat(text.toString())
                    .doesNotContain("MISSED")
                    .contains("no transaction, locks sampled", "0 dangers missed by the static rules");
        }
    }

    @Test
    void aTableCreatedEarlierInTheSameReleaseIsNewAndInTheStrictReadingLive() throws IOException {
        MigrationFiles files =
                migrations(CREATE_T, "CREATE TABLE gadget (id bigint PRIMARY KEY, name text NOT NULL);\n");
        Files.writeString(
                root.resolve("migration").resolve("V20260101000200__index_gadget.sql"),
                "CREATE INDEX gadget_name_idx ON gadget (name);\n");
        ReleaseHistory unreleased = ReleaseHistory.unreleasedFrom("20260101000100", files.migrations());

        TraceReport sameRelease = trace(files, List.of(), RowGenerator.DEFAULT_ROWS, unreleased);

        assertThat(sameRelease.observations()).isEmpty();
        assertThat(sameRelease.failed()).isFalse();
        assertThat(sameRelease.migrations().get(2).effects()).isEmpty();
        assertThat(sameRelease.releases()).isEqualTo("unreleased from 20260101000100");

        TraceReport strict = trace(files, List.of());

        assertThat(only(strict, Rule.TRACE_WRITE_LOCK).relations()).containsExactly("gadget");
        assertThat(strict.missed()).extracting(Finding::rule).containsExactly("trace-write-lock");
        assertThat(strict.failed()).isTrue();
    }

    @Test
    void anIndexOfATableCreatedInTheSameReleaseIsNewToo() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                CREATE TABLE gadget (id bigint PRIMARY KEY, name text NOT NULL);
                CREATE INDEX gadget_name_idx ON gadget (name);
                """);
        Files.writeString(
                root.resolve("migration").resolve("V20260101000200__alter_gadget.sql"),
                "ALTER INDEX gadget_name_idx SET (fillfactor = 80);\nREINDEX INDEX gadget_name_idx;\n");
        ReleaseHistory unreleased = ReleaseHistory.unreleasedFrom("20260101000100", files.migrations());

        TraceReport sameRelease = trace(files, List.of(), RowGenerator.DEFAULT_ROWS, unreleased);

        assertThat(sameRelease.failure()).isEmpty();
        assertThat(sameRelease.observations()).isEmpty();
        assertThat(trace(files, List.of()).observations())
                .extracting(TraceReport.Observation::rule)
                .contains(Rule.TRACE_REWRITE);
    }

    @Test
    void tablesInEverySchemaHoldRows() throws IOException {
        MigrationFiles files = migrations("""
                CREATE SCHEMA billing;
                CREATE TABLE billing.invoice (id bigint PRIMARY KEY, amount numeric(10, 2) NOT NULL);
                """, """
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE billing.invoice ALTER COLUMN amount TYPE numeric(12, 2);
                ALTER TABLE billing.invoice ALTER COLUMN id TYPE text;
                """);

        TraceReport report = trace(files, List.of());

        assertThat(report.failure()).isEmpty();
        TraceReport.Observation rewrite = only(report, Rule.TRACE_REWRITE);
        assertThat(rewrite.line()).isEqualTo(3);
        assertThat(rewrite.relations()).contains("billing.invoice");
        assertThat(rewrite.message()).contains("billing.invoice held 200 rows");
        assertThat(effects(report, SECOND, 2).locks().getFirst().rows()).isEqualTo(200);
    }

    @Test
    void aFailingStatementStopsTheReplayAndNamesItsFileAndLine() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                ALTER TABLE t ADD COLUMN c text;

                ALTER TABLE t ADD COLUMN c text;
                """);

        TraceReport report = trace(files, List.of());

        assertThat(report.failed()).isTrue();
        TraceReport.Failure failure = report.failure().orElseThrow();
        assertThat(failure.file()).isEqualTo(file(files, SECOND));
        assertThat(failure.line()).isEqualTo(3);
        assertThat(failure.message()).contains("column \"c\" of relation \"t\" already exists");
    }

    @Test
    void theShippedMigrationsTraceWithNothingMissed() {
        MigrationFiles files = new MigrationFiles(Path.of("../sample/db"));

        TraceReport report = trace(files, List.of());

        assertThat(report.failure()).isEmpty();
        assertThat(report.migrations()).hasSize(files.migrations().size());
        assertThat(report.missed()).isEmpty();
        assertThat(report.migrations())
                .allSatisfy(migration -> assertThat(migration.fillProblems()).isEmpty());
    }

    @Test
    void theTextReportShowsEachStatementsLocksAndVerdicts() throws IOException {
        MigrationFiles files = migrations(CREATE_T, """
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE t ALTER COLUMN n TYPE bigint;
                """);
        TraceReport report =
                trace(files, List.of(Finding.of(Rule.REWRITING_TYPE_CHANGE, file(files, SECOND), 2, 1, "")));

        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text));

        assertThat(text.toString())
                .contains(
                        SECOND + "  (one transaction, 2 statements",
                        "  line 2    ALTER TABLE t ALTER COLUMN n TYPE bigint",
                        "lock     ACCESS EXCLUSIVE       t (200 rows), held ",
                        "rewrote  t, t_pkey (index of t)",
                        "confirmed trace-rewrite by rewriting-type-change (line 2)",
                        "0 dangers missed by the static rules, 2 confirmed, 0 sampled (informational)",
                        "Live tables are those an earlier release created. Releases: every file its own release.");
    }

    private TraceReport trace(MigrationFiles files, List<Finding> findings) {
        return trace(files, findings, RowGenerator.DEFAULT_ROWS);
    }

    private TraceReport trace(MigrationFiles files, List<Finding> findings, int rows) {
        return trace(files, findings, rows, EVERY_FILE_RELEASED);
    }

    private TraceReport trace(MigrationFiles files, List<Finding> findings, int rows, ReleaseHistory releases) {
        database = TestServices.newDatabase("trace");
        return traceOn(database, files, findings, rows, releases);
    }

    private static TraceReport traceOn(
            PostgresEndpoint on, MigrationFiles files, List<Finding> findings, int rows, ReleaseHistory releases) {
        RowGenerator generator = new RowGenerator(rows, RowGenerator.DEFAULT_SEED);
        return new MigrationTrace(on::connect, generator, releases)
                .run(files, MigrationTrace.Resolver.none(), findings, List.of());
    }

    /**
     * Ends {@code older}'s transaction 200 ms after {@code watcher} sees SHARE UPDATE EXCLUSIVE on t granted (within
     * the migration's lock_timeout of 2 s), or after 30 s if it never is.
     */
    private static void commitOnceTheBuildHoldsItsLock(Connection older, Connection watcher) {
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline
                    && string(
                                    watcher,
                                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                                            + " WHERE c.relname = 't' AND l.mode = 'ShareUpdateExclusiveLock' AND l.granted")
                            .equals("0")) {
                Thread.sleep(5);
            }
            Thread.sleep(200);
            older.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A first migration creating the table, and the second one under test. */
    private MigrationFiles migrations(String first, String second) throws IOException {
        Path migration = Files.createDirectories(root.resolve("migration"));
        Files.writeString(migration.resolve("V20260101000000__create_t.sql"), first);
        Files.writeString(migration.resolve(SECOND), second);
        return new MigrationFiles(root);
    }

    private static String file(MigrationFiles files, String name) {
        return files.migrationDirectory().resolve(name).toString();
    }

    private static TraceReport.Observation only(TraceReport report, Rule rule) {
        return report.observations().stream().filter(observation -> observation.rule() == rule).toList().stream()
                .reduce((a, b) -> {
                    throw new AssertionError("more than one " + rule + ": " + report.observations());
                })
                .orElseThrow(() -> new AssertionError("no " + rule + " in " + report.observations()));
    }

    private static TraceReport.StatementEffects effects(TraceReport report, String file, int line) {
        return report.migrations().stream()
                .filter(migration -> migration.file().equals(file))
                .flatMap(migration -> migration.effects().stream())
                .filter(effects -> effects.line() == line)
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no effects at " + file + ":" + line + " in " + report.migrations()));
    }

    private static String string(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
