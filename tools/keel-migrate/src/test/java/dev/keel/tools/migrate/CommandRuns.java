package dev.keel.tools.migrate;

import dev.keel.tools.devservices.PostgresEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;

/** keel-migrate's command line run inside a test, on a copy of the tools' sample migrations. */
final class CommandRuns {

    /** What one command printed and how it exited. */
    record Run(int exitCode, String out, String err) {}

    private CommandRuns() {}

    /** Copies tools/sample/db (migrations, undo scripts, seeds) into {@code dir}. */
    static void copySample(Path dir) throws IOException {
        Path sample = Path.of("../sample/db");
        try (Stream<Path> files = Files.walk(sample)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = dir.resolve(sample.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }

    /**
     * {@code args} on {@code dir}'s migrations and, for commands that need one (all but create and rebase), the
     * database {@code target}.
     */
    static Run run(Path dir, PostgresEndpoint target, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", dir.toString()));
        if (!args[0].startsWith("create") && !args[0].equals("rebase")) {
            all.addAll(
                    List.of("--url", target.jdbcUrl(), "--user", target.username(), "--password", target.password()));
        }
        return execute(KeelMigrate.commandLine(), all.toArray(String[]::new));
    }

    static Run execute(CommandLine commandLine, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
