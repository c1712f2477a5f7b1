package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        String[][] calls = {
            {"lint", "--help"},
            {"lint", "-h"},
            {"lint", "--version"},
            {"lint", "--format", "yaml", "--dir", dir.toString()},
            {"lint", "--dir", dir.toString(), dir.resolve("none-such.sql").toString()},
            {"lint", "--no-such-option"},
            {"lint", "--dir", dir.toString()},
            {"lint", "--dir", dir.toString(), "--format", "json"},
            {"lint", "--dir", dir.toString(), "--format", "sarif"},
            {"lint", "--dir", SHIPPED.toString(), "--format", "github"},
            {"lint", "--dir", SHIPPED.toString()},
        };
        for (String[] call : calls) {
            assertThat(run(Launcher.lintCommandLine(), call))
                    .as(String.join(" ", call))
                    .isEqualTo(run(KeelMigrate.commandLine(), call));
        }
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
