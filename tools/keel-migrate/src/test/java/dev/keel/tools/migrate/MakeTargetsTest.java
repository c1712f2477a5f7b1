package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/**
 * tools/keel.mk and keel-migrate agree: it has the toolkit's targets, and every keel-migrate call
 * in it parses. (That every target is documented is the template's test: the docs are the team's.)
 */
@ResourceLock(value = ProcessEnvironment.LOCK, mode = ResourceAccessMode.READ)
class MakeTargetsTest {

    private static final Path KEEL_MK = Path.of("..", "keel.mk");
    private static final Pattern TARGET = Pattern.compile("^([a-z][a-z-]*):[^=\\n]*## (.+)$", Pattern.MULTILINE);
    /** `$(MIGRATE) db prune $(if $(FORCE),--force)`, or the db settings call inside db-psql. */
    private static final Pattern CALL = Pattern.compile("\\$\\(MIGRATE(?:_JAVA)?\\) ([^)$\\n\"&]+)");

    @Test
    void everyCommandExplainsItselfWithHelp() {
        List<CommandLine> commands = new ArrayList<>(List.of(KeelMigrate.commandLine()));
        for (int i = 0; i < commands.size(); i++) {
            commands.addAll(commands.get(i).getSubcommands().values());
        }
        assertThat(commands).hasSizeGreaterThan(20);
        for (CommandLine command : commands) {
            java.io.StringWriter out = new java.io.StringWriter();
            List<String> path = new ArrayList<>();
            for (CommandLine at = command; at.getParent() != null; at = at.getParent()) {
                path.addFirst(at.getCommandName());
            }
            path.add("--help");
            CommandLine root = KeelMigrate.commandLine();
            root.setOut(new java.io.PrintWriter(out));
            root.setErr(new java.io.PrintWriter(out));
            int code = root.execute(path.toArray(String[]::new));
            assertThat(code).as(String.join(" ", path)).isZero();
            assertThat(out.toString())
                    .as(String.join(" ", path))
                    .contains("Usage: keel-migrate")
                    .doesNotContain("Unknown");
        }
    }

    @Test
    void theToolkitsTargetsAreThere() throws IOException {
        assertThat(targets())
                .containsKeys(
                        "run",
                        "db-start",
                        "db-stop",
                        "db-psql",
                        "db-branches",
                        "db-prune",
                        "db-clean",
                        "db-wipe",
                        "db-teardown",
                        "init-prod",
                        "seed-demo",
                        "db-setup",
                        "db-reset",
                        "verify-setup",
                        "backfill",
                        "migrate-check",
                        "migrate-create",
                        "migrate-create-manual",
                        "rename",
                        "remove-example",
                        "check-fork");
    }

    @Test
    void everyKeelMigrateCallInTheMakefileIsACommandItKnows() throws IOException {
        List<String> calls = new ArrayList<>();
        Matcher call = CALL.matcher(Files.readString(KEEL_MK));
        while (call.find()) {
            calls.add(call.group(1).strip());
        }
        assertThat(calls)
                .contains(
                        "db start",
                        "db stop",
                        "db branches",
                        "db prune",
                        "db clean",
                        "db wipe",
                        "db teardown",
                        "db seed essentials",
                        "db seed demo",
                        "db setup",
                        "db reset",
                        "verify-setup",
                        "db settings --for psql",
                        "schema-check",
                        "generate",
                        "create-manual");
        for (String line : calls) {
            // The subcommand words must name commands keel-migrate has; the make variables that follow are not checked.
            CommandLine command = KeelMigrate.commandLine();
            List<String> words = List.of(line.split("\\s+"));
            int matched = 0;
            for (String word : words) {
                CommandLine sub = command.getSubcommands().get(word);
                if (sub == null) {
                    break;
                }
                command = sub;
                matched++;
            }
            assertThat(matched).as(line).isPositive();
            if (words.getFirst().equals("db") || words.getFirst().equals("verify-setup")) {
                // These calls are whole: options and parameters included, they must parse.
                assertThat(KeelMigrate.commandLine()
                                .parseArgs(words.toArray(String[]::new))
                                .hasSubcommand())
                        .as(line)
                        .isTrue();
            }
        }
    }

    /** make migrate-create is the generator: NAME, ALLOW and FROM=db reach generate as it parses them. */
    @Test
    void migrateCreateRunsTheGenerator() throws IOException {
        String keelMk = Files.readString(KEEL_MK);
        String recipe =
                keelMk.substring(keelMk.indexOf("\nmigrate-create:"), keelMk.indexOf("\nmigrate-create-manual:"));
        assertThat(recipe)
                .contains("$(MIGRATE) generate \"$(NAME)\" $(if $(ALLOW),--allow $(ALLOW)) $(if $(FROM),--from-db)")
                .doesNotContain("$(MIGRATE) create ");
        GenerateCommand generate = new GenerateCommand();
        new CommandLine(generate).parseArgs("add_gadgets_table", "--allow", "drop,rewrite", "--from-db");
        assertThat(generate.name).isEqualTo("add_gadgets_table");
        assertThat(generate.allow).containsExactly("drop", "rewrite");
        assertThat(generate.fromDb).isTrue();
    }

    private static Map<String, String> targets() throws IOException {
        Map<String, String> targets = new LinkedHashMap<>();
        Matcher target = TARGET.matcher(Files.readString(KEEL_MK));
        while (target.find()) {
            targets.put(target.group(1), target.group(2));
        }
        return targets;
    }
}
