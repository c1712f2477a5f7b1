package dev.keel.tools.schemacheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release still running keeps working on the new schema: a rename its mapper still uses
 * fails, unless a migration new since that release is marked as a contract step with a reason.
 */
class CompatibilityCheckTest {

    private static final String RENAME = "ALTER TABLE widget RENAME COLUMN name TO title;\n";

    private static SchemaChecks.Report afterMigration(Path root, String purpose, String newMigration) throws Exception {
        return afterMigrations(root, purpose, newMigration);
    }

    /** The shipped migrations, then these as new since the previous release, in order. */
    private static SchemaChecks.Report afterMigrations(Path root, String purpose, String... newMigrations)
            throws Exception {
        Path migration = ScratchSchema.shippedMigrationsIn(root);
        List<Path> added = new java.util.ArrayList<>();
        for (int i = 0; i < newMigrations.length; i++) {
            added.add(Files.writeString(
                    migration.resolve("V2027010100000" + i + "__rename_widget_name" + (i == 0 ? "" : "_" + i) + ".sql"),
                    newMigrations[i]));
        }
        PostgresEndpoint database = ScratchSchema.migrated(purpose, migration);
        PreviousRelease previous =
                new PreviousRelease("v1.0.0", false, List.of(ScratchSchema.shippedWidgetMapper()), List.copyOf(added));
        try (Connection connection = database.connect()) {
            return SchemaChecks.run(
                    connection,
                    new Configuration(),
                    new PreviousRelease.Lookup(Optional.of(previous), "previous release: v1.0.0"));
        }
    }

    @Test
    void aRenameThePreviousReleaseStillUsesFails(@TempDir Path root) throws Exception {
        SchemaChecks.Report report = afterMigration(root, "compat_rename", RENAME);

        assertThat(report.passed()).as(report.text()).isFalse();
        assertThat(report.failures())
                .extracting(SchemaProblem::subject)
                .contains(
                        "dev.keel.infrastructure.persistence.widget.WidgetMapper.findLive",
                        "dev.keel.infrastructure.persistence.widget.WidgetMapper.insert",
                        "dev.keel.infrastructure.persistence.widget.WidgetMapper.update");
        assertThat(report.failures()).allSatisfy(problem -> {
            assertThat(problem.release()).isEqualTo("previous release v1.0.0");
            assertThat(problem.message()).contains("name");
        });
    }

    @Test
    void aContractStepWithAReasonExcusesIt(@TempDir Path root) throws Exception {
        SchemaChecks.Report report = afterMigration(
                root,
                "compat_contract",
                "-- keel:contract v1.1 reads title; v1.0 stopped serving traffic before this deploy\n" + RENAME);

        assertThat(report.passed()).as(report.text()).isTrue();
        assertThat(report.excused()).isNotEmpty();
        assertThat(report.text())
                .contains("excused by contract step V20270101000000__rename_widget_name.sql "
                        + "(v1.1 reads title; v1.0 stopped serving traffic before this deploy)");
    }

    @Test
    void aBareContractMarkerExcusesNothing(@TempDir Path root) throws Exception {
        SchemaChecks.Report report = afterMigration(root, "compat_bare", "-- keel:contract\n" + RENAME);

        assertThat(report.passed()).isFalse();
        assertThat(report.excused()).isEmpty();
    }

    @Test
    void aContractStepExcusesOnlyWhatItTakesAway(@TempDir Path root) throws Exception {
        SchemaChecks.Report report = afterMigrations(
                root,
                "compat_other",
                "-- keel:contract v1.0 never read colour\nALTER TABLE widget ADD COLUMN colour text;\n"
                        + "ALTER TABLE widget DROP COLUMN colour;\n",
                RENAME);

        assertThat(report.passed()).as(report.text()).isFalse();
        assertThat(report.excused()).isEmpty();
        assertThat(report.text()).contains("Fix: keep what it uses", "-- keel:contract <reason>");
    }

    @Test
    void anAdditiveMigrationKeepsThePreviousReleaseWorking(@TempDir Path root) throws Exception {
        SchemaChecks.Report report =
                afterMigration(root, "compat_additive", "ALTER TABLE widget ADD COLUMN colour text;\n");

        assertThat(report.passed()).as(report.text()).isTrue();
        assertThat(report.excused()).isEmpty();
    }

    @Test
    void thePreviousReleaseIsTheNewestTagWithItsMappersAndTheMigrationsSince(@TempDir Path repo) throws Exception {
        Path resources = Files.createDirectories(repo.resolve("app/src/main/resources/x"));
        Path migration = Files.createDirectories(repo.resolve("db/migration"));
        Files.writeString(resources.resolve("WidgetMapper.xml"), "<mapper namespace=\"x\"/>");
        Files.writeString(migration.resolve("V20260101000000__one.sql"), "SELECT 1;");
        git(repo, "init", "-q", "-b", "main");
        commit(repo, "one");
        git(repo, "tag", "v1.0.0");
        Files.writeString(
                migration.resolve("V20260201000000__two.sql"), "-- keel:contract v1.0.0 never reads it\nSELECT 2;");
        commit(repo, "two");

        PreviousRelease.Lookup lookup = PreviousRelease.fromGit(repo, repo.resolve("db"), "v*", "main");

        assertThat(lookup.release()).get().satisfies(release -> {
            assertThat(release.ref()).isEqualTo("v1.0.0");
            assertThat(release.sameCommitAsHead()).isFalse();
            assertThat(release.mappers())
                    .extracting(MapperSource::location)
                    .containsExactly("v1.0.0:app/src/main/resources/x/WidgetMapper.xml");
            assertThat(release.newMigrations())
                    .extracting(path -> path.getFileName().toString())
                    .containsExactly("V20260201000000__two.sql");
            assertThat(release.contractSteps())
                    .extracting(PreviousRelease.ContractStep::reason)
                    .containsExactly("v1.0.0 never reads it");
        });
        assertThat(PreviousRelease.fromGit(repo, repo.resolve("db"), "release-*", "main")
                        .note())
                .contains("HEAD is main, so this repeats the drift check");
        assertThat(PreviousRelease.fromGit(repo, repo.resolve("db"), "release-*", "trunk")
                        .release())
                .isEmpty();
    }

    private static void commit(Path repo, String message) throws Exception {
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message);
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
    }
}
