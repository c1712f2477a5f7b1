package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/**
 * The launcher's lint-only command line, and its status without picocli or Flyway, answer exactly as
 * KeelMigrate's whole one does.
 */
@ResourceLock(value = ProcessEnvironment.LOCK, mode = ResourceAccessMode.READ)
class LauncherTest {

    private static final Path SHIPPED = Path.of("..", "sample", "db");

    @TempDir
    Path dir;

    @Test
    void lintAnswersTheSameOnEitherCommandLine() throws Exception {
        Path migration = Files.createDirectories(dir.resolve("migration"));
        Files.createDirectories(dir.resolve("undo"));
        Files.writeString(
                migration.resolve("V20260101000001__flagged.sql"),
                "ALTER TABLE widget ALTER COLUMN name TYPE varchar(10);\nCREATE INDEX widget_name ON widget (name);\n");
        Files.writeString(dir.resolve("undo").resolve("U20260101000001__flagged.sql"), "SELECT 1;\n");
        Path history = Files.createDirectories(dir.resolve("history"));
        Files.writeString(
                history.resolve("1_log.up.sql"), "CREATE TABLE log (id bigint PRIMARY KEY, note varchar(9));\n");
        Files.writeString(history.resolve("2_note.up.sql"), "CREATE INDEX log_note_idx ON log (note);\n");
        String[][] calls = {
            {"lint", "--help"},
            {"lint", "-h"},
            {"lint", "--version"},
            {"lint", "--format", "yaml", "--dir", dir.toString()},
            {"lint", "--dir", dir.toString(), dir.resolve("none-such.sql").toString()},
            {"lint", "--no-such-option"},
            {"lint", "--dir"},
            {"lint", "--dir", dir.toString(), "--dir", dir.toString()},
            {"lint", "--history", "--history", history.toString()},
            {"lint", "--history=true", history.toString()},
            {"lint", "--dir", dir.toString(), "--url", "jdbc:postgresql://localhost/none"},
            {"lint", "--dir", dir.toString()},
            {"lint", "--dir=" + dir, "--format=json"},
            {"lint", "--dir", dir.toString(), "--format", "json"},
            {"lint", "--dir", dir.toString(), "--format", "sarif"},
            {"lint", "--dir", dir.toString(), "--release-tags", "release-*"},
            {
                "lint",
                "--dir",
                dir.toString(),
                "--",
                migration.resolve("V20260101000001__flagged.sql").toString()
            },
            {"lint", "--dir", SHIPPED.toString(), "--format", "github"},
            {"lint", "--dir", SHIPPED.toString()},
            {"lint", "--history", history.toString()},
            {"lint", "--history", "--conventions", "--autocommit", "--format", "json", history.toString()},
            {"lint", "--history", "--include", "*.up.sql", history.toString()},
            {"lint", "--history"},
            {"lint", "--include", "*.sql", "--dir", dir.toString()},
            {"lint", "--conventions", "--dir", dir.toString()},
        };
        for (String[] call : calls) {
            String whole = run(KeelMigrate.commandLine(), call);
            assertThat(run(Launcher.lintCommandLine(), call))
                    .as(String.join(" ", call))
                    .isEqualTo(whole);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Launcher.lint(call, new PrintWriter(out), new PrintWriter(err));
            assertThat(code + "\n" + out + "\n--- stderr\n" + err)
                    .as("without picocli: " + String.join(" ", call))
                    .isEqualTo(whole);
        }
        assertThat(LintRequest.parse(List.of("--dir", dir.toString(), "--format", "json"), Map.of()))
                .as("the plain forms skip picocli")
                .isPresent();
        assertThat(LintRequest.parse(List.of("--help"), Map.of())).isEmpty();
        assertThat(run(Launcher.lintCommandLine(), "lint", "--dir", dir.toString()))
                .startsWith("1\n")
                .contains("widget");
    }

    @Test
    void statusAnswersTheSameWithoutPicocliOrFlyway() throws Exception {
        CommandRuns.copySample(dir);
        PostgresEndpoint database = TestServices.newDatabase("launcher_status");
        String[] login = {"--url", database.jdbcUrl(), "--user", database.username(), "--password", database.password()
        };
        String[] dirOption = {"--dir", dir.toString()};
        List<String[]> plain = List.of(
                concat(new String[] {"status"}, dirOption, login),
                concat(new String[] {"status", "--json"}, dirOption, login),
                concat(
                        new String[] {"status", "--dir=" + dir, "--url=" + database.jdbcUrl()},
                        new String[] {"--user=" + database.username(), "--password=" + database.password(), "--json"}));
        for (String step : List.of("empty", "one applied", "all applied", "changed")) {
            switch (step) {
                case "one applied" -> CommandRuns.run(dir, database, "up", "--to", "20261122000000");
                case "all applied" -> CommandRuns.run(dir, database, "up");
                case "changed" -> {
                    Path applied = dir.resolve("migration/V20261122000100__create_widget.sql");
                    Files.writeString(applied, Files.readString(applied) + "-- edited\n");
                }
                default -> {}
            }
            for (String[] call : plain) {
                String whole = run(KeelMigrate.commandLine(), call);
                StringWriter out = new StringWriter();
                assertThat(Launcher.status(call, new PrintWriter(out))
                                .map(code -> code + "\n" + out + "\n--- stderr\n"))
                        .as(step + ": " + String.join(" ", call))
                        .contains(whole);
            }
        }
        String[][] others = {
            {"status", "--help"},
            {"status", "--version"},
            {"status", "--json", "--json"},
            {"status", "--json=true"},
            {"status", "--dir"},
            {"status", "--no-such-option"},
            {"status", "extra"},
            concat(new String[] {"status", "--dir", dir.toString(), "--dir", dir.toString()}, login),
            concat(new String[] {"status", "--dir", dir.resolve("none").toString()}, login),
            {"status", "--dir", dir.toString(), "--url", "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2"},
        };
        for (String[] call : others) {
            assertThat(Launcher.status(call, new PrintWriter(new StringWriter())))
                    .as("left to picocli and Flyway: " + String.join(" ", call))
                    .isEmpty();
        }
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    private static String run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return code + "\n" + out + "\n--- stderr\n" + err;
    }
}
