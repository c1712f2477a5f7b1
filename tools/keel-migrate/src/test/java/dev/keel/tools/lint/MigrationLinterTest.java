package dev.keel.tools.lint;

import static dev.keel.tools.lint.LintFixture.BASE;
import static dev.keel.tools.lint.LintFixture.TIMEOUTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.migrate.KeelMigrate;
import dev.keel.tools.migrate.ProcessEnvironment;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/** The checker across files and releases, its suppressions and output formats, and its command line. */
@ResourceLock(value = ProcessEnvironment.LOCK, mode = ResourceAccessMode.READ)
class MigrationLinterTest {

    private static final ReleaseHistory STRICT = ReleaseHistory.everyFileReleased("test");

    @TempDir
    Path root;

    private List<Finding> lastFile(ReleaseHistory releases, String... migrations) {
        MigrationFiles files = LintFixture.write(root, migrations);
        return LintFixture.inLast(files, new MigrationLinter(releases).lint(files, List.of()));
    }

    @Test
    void theSampleMigrationsPass() {
        MigrationFiles shipped = new MigrationFiles(Path.of("../sample/db"));

        LintResult result = new MigrationLinter(STRICT).lint(shipped, List.of());

        assertThat(result.findings()).isEmpty();
        assertThat(result.filesChecked()).isEqualTo(shipped.migrations().size()).isPositive();
    }

    @Test
    void failsOnADangerousMigrationAddedToTheSample(@TempDir Path sample) throws IOException {
        Files.createDirectories(sample.resolve("migration"));
        MigrationFiles shipped = new MigrationFiles(Path.of("../sample/db"));
        Files.copy(
                shipped.migrations().getLast().file(), sample.resolve("migration/V20260101000000__create_widget.sql"));
        Files.writeString(
                sample.resolve("migration/V20260101000001__index_widget.sql"),
                "CREATE INDEX widget_created_at_idx ON widget (created_at);\n");

        LintResult result = MigrationLinter.lint(new MigrationFiles(sample));

        assertThat(result.findings())
                .extracting(Finding::rule)
                .contains(Rule.INDEX_CONCURRENTLY.id(), Rule.LOCK_TIMEOUT.id());
        assertThat(result.hasErrors()).isTrue();
    }

    @Test
    void notValidThenValidateInSeparateFilesThenSetNotNullIsTheSafeSequence() {
        List<Finding> findings = lastFile(
                STRICT,
                BASE,
                TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT t_note_present CHECK (note IS NOT NULL) NOT VALID;",
                TIMEOUTS + "ALTER TABLE t VALIDATE CONSTRAINT t_note_present;",
                TIMEOUTS
                        + "ALTER TABLE t ALTER COLUMN note SET NOT NULL;\nALTER TABLE t DROP CONSTRAINT t_note_present;");

        assertThat(findings).isEmpty();
    }

    @Test
    void aCheckThatIsNotYetValidatedDoesNotProveNotNull() {
        List<Finding> findings = lastFile(
                STRICT,
                BASE,
                TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT t_note_present CHECK (note IS NOT NULL) NOT VALID;",
                TIMEOUTS + "ALTER TABLE t ALTER COLUMN note SET NOT NULL;");

        assertThat(LintFixture.rules(findings)).containsExactly("set-not-null");
        assertThat(findings.getFirst().line()).isEqualTo(3);
        assertThat(findings.getFirst().column()).isEqualTo(15);
    }

    @Test
    void validateAloneInALaterFileIsFine() {
        List<Finding> findings = lastFile(
                STRICT,
                BASE,
                TIMEOUTS + "ALTER TABLE t ADD CONSTRAINT t_p_fk FOREIGN KEY (p_id) REFERENCES p (id) NOT VALID;",
                TIMEOUTS + "ALTER TABLE t VALIDATE CONSTRAINT t_p_fk;");

        assertThat(findings).isEmpty();
    }

    @Test
    void tablesFromMigrationsNotYetReleasedAreNewButReleasedOnesAreLive() {
        String create = "CREATE TABLE x (id uuid, name text);";
        String index = "CREATE INDEX x_name_idx ON x (name);";

        assertThat(LintFixture.rules(lastFile(STRICT, create, index))).contains("index-concurrently", "lock-timeout");
        MigrationFiles files = LintFixture.write(root, create, index);
        ReleaseHistory bothUnreleased =
                ReleaseHistory.unreleasedFrom(files.migrations().getFirst().version(), files.migrations());
        assertThat(LintFixture.inLast(files, new MigrationLinter(bothUnreleased).lint(files, List.of())))
                .isEmpty();
    }

    @Test
    void releasesComeFromGitTags() throws Exception {
        Path repository = root.resolve("repo");
        Path db = repository.resolve("db");
        LintFixture.write(db, BASE);
        git(repository, "init", "-q", "-b", "main");
        git(repository, "add", ".");
        git(repository, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base");
        git(repository, "tag", "v1.0.0");
        MigrationFiles files = LintFixture.write(
                db,
                BASE,
                "CREATE TABLE x (id uuid, name text);",
                "CREATE INDEX x_name_idx ON x (name);\nCREATE INDEX t_note_idx ON t (note);");

        ReleaseHistory releases = ReleaseHistory.fromGit(files.migrationDirectory(), "v*");
        List<Finding> findings = LintFixture.inLast(files, new MigrationLinter(releases).lint(files, List.of()));

        assertThat(releases.description()).contains("v1.0.0");
        assertThat(findings)
                .filteredOn(finding -> finding.rule().equals("index-concurrently"))
                .extracting(Finding::message)
                .singleElement()
                .asString()
                .contains("on t,");
        assertThat(ReleaseHistory.fromGit(files.migrationDirectory(), "release-*")
                        .description())
                .contains("no git tag matches release-*");
    }

    @Test
    void keelAllowSuppressesOnlyTheRuleItNamesOnTheNextStatement() {
        MigrationFiles files = LintFixture.write(
                root,
                BASE,
                TIMEOUTS
                        + "-- keel:allow drop-column release 12 stopped reading it\n"
                        + "ALTER TABLE t DROP COLUMN note;\n"
                        + "ALTER TABLE t DROP COLUMN name;");

        LintResult result = new MigrationLinter(STRICT).lint(files, List.of());

        assertThat(LintFixture.inLast(files, result))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("drop-column", 5));
        assertThat(result.suppressed())
                .filteredOn(finding -> finding.file()
                        .equals(files.migrations().getLast().file().toString()))
                .extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("drop-column", 4));
    }

    @Test
    void onlyTheSelectedFilesAreReportedButEarlierOnesShapeTheSchema() {
        MigrationFiles files =
                LintFixture.write(root, BASE, "DROP TABLE t;", TIMEOUTS + "ALTER TABLE p DROP COLUMN note;");

        LintResult result = new MigrationLinter(STRICT)
                .lint(files, List.of(files.migrations().get(2).file()));

        assertThat(result.filesChecked()).isEqualTo(1);
        assertThat(result.findings()).extracting(Finding::rule).containsExactly("drop-column");
    }

    @Test
    void sqlTheParserCannotFollowNeverStopsTheCheck() {
        List<String> odd = List.of(
                "ALTER TABLE t ADD CONSTRAINT;",
                "ALTER TABLE t DROP CONSTRAINT;",
                "ALTER TABLE t ALTER COLUMN;",
                "ALTER TABLE t RENAME;",
                "ALTER TABLE t ADD COLUMN;",
                "ALTER TABLE t ADD UNIQUE ();",
                "ALTER TABLE t ADD PRIMARY KEY (,);",
                "CREATE INDEX ON;",
                "DROP;",
                "CREATE TABLE (;",
                "ALTER TYPE mood ADD VALUE;",
                "SELECT set_config();",
                "SET;",
                "WITH;",
                "LOCK;",
                "CREATE TABLE y (id uuid PRIMARY KEY, code varchar(0x10), big numeric(99999999999));");
        MigrationFiles files = LintFixture.write(root, BASE, String.join("\n", odd));

        LintResult result = new MigrationLinter(STRICT).lint(files, List.of());

        assertThat(result.filesChecked()).isEqualTo(2);
        assertThat(LintFixture.inLast(files, result))
                .filteredOn(finding -> finding.line() == odd.size())
                .extracting(Finding::rule)
                .doesNotContain("syntax")
                .contains("varchar-length");
    }

    @Test
    void aScriptConfigMakesTheFileNonTransactionalWhereSetLocalDoesNothing() throws IOException {
        MigrationFiles files =
                LintFixture.write(root, BASE, "-- keel:non-transactional\n" + "REINDEX INDEX CONCURRENTLY t_n_idx;");
        Path script = files.migrations().getLast().file();
        assertThat(LintFixture.inLast(files, new MigrationLinter(STRICT).lint(files, List.of())))
                .extracting(Finding::rule)
                .containsExactly("non-transactional-undeclared");

        Files.writeString(script.resolveSibling(script.getFileName() + ".conf"), "executeInTransaction=false\n");
        assertThat(LintFixture.inLast(files, new MigrationLinter(STRICT).lint(files, List.of())))
                .isEmpty();

        Files.writeString(script, "SET LOCAL lock_timeout = '5s';\nREINDEX INDEX CONCURRENTLY t_n_idx;");
        assertThat(LintFixture.inLast(files, new MigrationLinter(STRICT).lint(files, List.of())))
                .extracting(Finding::rule)
                .contains("set-local-without-transaction", "mixed-transaction", "non-transactional-undeclared");
    }

    @Test
    void jsonSarifAndGithubFormatsCarryEveryField() {
        Finding finding = Finding.of(Rule.DROP_COLUMN, "db/migration/V1__a,b.sql", 3, 7, "DROP COLUMN t.note: 100%");
        StringWriter json = new StringWriter();
        StringWriter sarif = new StringWriter();
        StringWriter github = new StringWriter();

        FindingFormats.write("json", List.of(finding), new PrintWriter(json));
        FindingFormats.write("sarif", List.of(finding), new PrintWriter(sarif));
        FindingFormats.write("github", List.of(finding), new PrintWriter(github));

        assertThat(json.toString())
                .contains(
                        "\"file\":\"db/migration/V1__a,b.sql\"",
                        "\"line\":3",
                        "\"column\":7",
                        "\"rule\":\"drop-column\"",
                        "\"severity\":\"error\"",
                        "\"message\":\"DROP COLUMN t.note: 100%\"");
        assertThat(sarif.toString())
                .contains(
                        "\"version\":\"2.1.0\"",
                        "\"ruleId\":\"drop-column\"",
                        "\"startLine\":3",
                        "\"startColumn\":7",
                        "\"level\":\"error\"");
        assertThat(github.toString())
                .startsWith("::error file=db/migration/V1__a%2Cb.sql,line=3,col=7,"
                        + "title=keel drop-column::DROP COLUMN t.note: 100%25");
    }

    @Test
    void theCommandLineExitsOneOnAnErrorAndZeroWhenClean() throws IOException {
        LintFixture.write(root, BASE);
        Path bad = Files.writeString(root.resolve("next.sql"), "ALTER TABLE t DROP COLUMN note;\n");
        StringWriter out = new StringWriter();
        CommandLine cli =
                KeelMigrate.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()));

        int clean = cli.execute("lint", "--dir", root.toString());
        int failing = cli.execute("lint", "--dir", root.toString(), "--format", "json", bad.toString());

        assertThat(clean).isZero();
        assertThat(failing).isEqualTo(1);
        assertThat(out.toString()).contains("\"rule\":\"drop-column\"", "\"line\":1");
    }

    private static void git(Path directory, String... args) throws Exception {
        Files.createDirectories(directory);
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).isZero();
    }
}
