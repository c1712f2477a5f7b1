package dev.keel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.LintResult;
import dev.keel.tools.lint.MigrationLinter;
import dev.keel.tools.lint.Rule;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The migration safety checker (Keel's, tested on its own fixtures in tools/) over this
 * repository's migrations, as make migrate-lint runs it: any error-severity finding fails make
 * verify and CI.
 */
class MigrationRulesTest {

    private static final Path MIGRATIONS = Path.of("../migrations/src/main/resources/db");
    private static final Path RULES_PAGE = Path.of("../docs/migration-rules.md");

    @Test
    void everyShippedMigrationPassesTheRules() {
        MigrationFiles files = new MigrationFiles(MIGRATIONS);
        assertThat(files.migrations())
                .as("a check over no migrations would pass without checking anything")
                .isNotEmpty();

        LintResult result = MigrationLinter.lint(files);

        assertThat(result.filesChecked()).isEqualTo(files.migrations().size());
        assertThat(result.findings().stream().filter(Finding::isError))
                .as(() -> "make migrate-lint reports:\n" + describe(result))
                .isEmpty();
    }

    @Test
    void theRulesPageExplainsEveryRule() throws IOException {
        String page = Files.readString(RULES_PAGE);

        for (Rule rule : Rule.values()) {
            assertThat(page).as("docs/migration-rules.md explains " + rule.id()).contains("### `" + rule.id() + "`");
        }
    }

    private static String describe(LintResult result) {
        return result.findings().stream()
                .map(finding -> finding.file() + ":" + finding.line() + ":" + finding.column() + " "
                        + finding.severity().label() + " [" + finding.rule() + "] " + finding.message())
                .collect(Collectors.joining("\n"));
    }
}
