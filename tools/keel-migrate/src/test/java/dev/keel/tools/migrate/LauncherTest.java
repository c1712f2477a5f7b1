package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The launcher's lint-only command line answers exactly as KeelMigrate's whole one does. */
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

    private static String run(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return code + "\n" + out + "\n--- stderr\n" + err;
    }
}
