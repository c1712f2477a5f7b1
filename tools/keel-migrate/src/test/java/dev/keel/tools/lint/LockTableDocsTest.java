package dev.keel.tools.lint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/lock-table.md shows the lock table as it is: a row edited in StatementKind must be edited there. */
class LockTableDocsTest {

    private static final Path DOC = Path.of("../../docs/lock-table.md");

    @Test
    void theDocShowsEveryRowAsTheTableHasIt() throws IOException {
        assertThat(Files.readString(DOC)).contains(table());
    }

    /** The rows as Markdown, in the table's order. */
    static String table() {
        return "| Kind | Sample | Lock | Rewrites | Scans | Rebuilds indexes |\n|---|---|---|---|---|---|\n"
                + Arrays.stream(StatementKind.values())
                        .map(kind -> "| " + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + " | `"
                                + kind.sample().replace("|", "\\|") + "` | "
                                + kind.lock().label() + " | " + (kind.rewrites() ? "yes" : "") + " | "
                                + (kind.scans() ? "yes" : "") + " | "
                                + (kind.rebuilds() == IndexRebuild.NONE
                                        ? ""
                                        : kind.rebuilds()
                                                .name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', ' '))
                                + " |\n")
                        .collect(Collectors.joining());
    }
}
