package dev.keel.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every make target that make help lists (the Makefile's and tools/keel.mk's) has its row in a docs/ page. */
class DocumentedTargetsTest {

    private static final List<Path> MAKEFILES = List.of(Path.of("..", "Makefile"), Path.of("..", "tools", "keel.mk"));
    private static final Path DOCS = Path.of("..", "docs");
    private static final Pattern TARGET = Pattern.compile("^([a-z][a-z-]*):[^=\\n]*## (.+)$", Pattern.MULTILINE);

    @Test
    void everyTargetHasItsRowInTheDocs() throws IOException {
        List<String> targets = new ArrayList<>();
        for (Path makefile : MAKEFILES) {
            Matcher target = TARGET.matcher(Files.readString(makefile));
            while (target.find()) {
                targets.add(target.group(1));
            }
        }
        StringBuilder docs = new StringBuilder();
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(file -> file.toString().endsWith(".md"))
                    .sorted()
                    .toList()) {
                docs.append(Files.readString(page)).append('\n');
            }
        }

        assertThat(targets).contains("run", "test", "verify", "help", "migrate-up", "db-reset", "check-fork");
        for (String target : targets) {
            assertThat(docs).as("a docs/ row for make " + target).containsPattern("\\n\\| `make " + target + "[ `]");
        }
    }
}
