package dev.keel.tools.migrate.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.migration.MigrationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated files' versions: a second apart, never at midnight, which is Keel's own migrations'. */
class MigrationPlanTest {

    private static final MigrationPlan TWO_STEPS = new MigrationPlan(
            List.of(),
            List.of(
                    new MigrationPlan.Step("", "ALTER TABLE t ADD COLUMN n int;\n", "ALTER TABLE t DROP COLUMN n;\n"),
                    new MigrationPlan.Step(
                            "_create_t_n_idx", "CREATE INDEX t_n_idx ON t (n);\n", "DROP INDEX t_n_idx;\n")));

    @Test
    void theStepsSkipMidnight() {
        assertThat(TWO_STEPS.files("20261206235959", "add_n").stream().map(MigrationPlan.GeneratedFile::path))
                .containsExactly(
                        "migration/V20261206235959__add_n.sql",
                        "undo/U20261206235959__add_n.sql",
                        "migration/V20261207000001__add_n_create_t_n_idx.sql",
                        "undo/U20261207000001__add_n_create_t_n_idx.sql");
        assertThat(TWO_STEPS.files("20261207000000", "add_n").getFirst().path())
                .isEqualTo("migration/V20261207000001__add_n.sql");
    }

    @Test
    void aKeelNameIsRefused() {
        assertThatThrownBy(() -> TWO_STEPS.files("20261206120000", "keel_add_n"))
                .isInstanceOf(MigrationException.class)
                .hasMessageContaining("reserved for Keel's own migrations");
    }
}
