package dev.keel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.migrations.MigrationFiles;
import dev.keel.migrations.lint.Finding;
import dev.keel.migrations.lint.LintResult;
import dev.keel.migrations.lint.MigrationLinter;
import dev.keel.migrations.lint.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration safety checker over the migrations this repository ships, as make migrate-lint
 * runs it: any error-severity finding fails make verify and CI.
 */
class MigrationRulesTest {

    private static final Path MIGRATIONS = Path.of("../migrations/src/main/resources/db");
    private static final Path RULES_PAGE = Path.of("../docs/migration-rules.md");

    @Test
    void everyShippedMigrationPassesTheRules() {
        MigrationFiles files = new MigrationFiles(MIGRATIONS);
        assertThat(files.migrations()).as("a check over no migrations would pass without checking anything").isNotEmpty();

        LintResult result = MigrationLinter.lint(files);

        assertThat(result.filesChecked()).isEqualTo(files.migrations().size());
        assertThat(result.findings().stream().filter(Finding::isError))
                .as(() -> "make migrate-lint reports:\n" + describe(result)).isEmpty();
    }

    @Test
    void theSameCheckFailsOnADangerousMigration(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("migration"));
        Files.copy(MIGRATIONS.resolve("migration").resolve(new MigrationFiles(MIGRATIONS).migrations().getLast().file()
                .getFileName()), root.resolve("migration/V20260101000000__create_widget.sql"));
        Files.writeString(root.resolve("migration/V20260101000001__index_widget.sql"),
                "CREATE INDEX widget_created_at_idx ON widget (created_at);\n");

        LintResult result = MigrationLinter.lint(new MigrationFiles(root));

        assertThat(result.findings()).extracting(Finding::rule).contains(Rule.INDEX_CONCURRENTLY.id(),
                Rule.LOCK_TIMEOUT.id());
        assertThat(result.hasErrors()).isTrue();
    }

    @Test
    void theRulesPageExplainsEveryRule() throws IOException {
        String page = Files.readString(RULES_PAGE);

        for (Rule rule : Rule.values()) {
            assertThat(page).as("docs/migration-rules.md explains " + rule.id()).contains("### `" + rule.id() + "`");
        }
    }

    private static String describe(LintResult result) {
        return result.findings().stream().map(finding -> finding.file() + ":" + finding.line() + ":" + finding.column()
                + " " + finding.severity().label() + " [" + finding.rule() + "] " + finding.message())
                .collect(Collectors.joining("\n"));
    }
}
