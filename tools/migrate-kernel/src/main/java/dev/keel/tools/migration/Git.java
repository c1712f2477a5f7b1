package dev.keel.tools.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs git where the migrations live; empty when there is no git, no repository, or the command fails. */
public final class Git {

    private Git() {}

    public static Optional<String> run(Path workingDirectory, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", workingDirectory.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return process.exitValue() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The migration versions in {@code directory} at {@code ref}, or empty when git cannot say. */
    public static Optional<List<String>> versionsAt(String ref, Path directory) {
        Path absolute = directory.toAbsolutePath();
        // --full-tree: from a subdirectory, ls-tree would otherwise filter the listing by that subdirectory
        return run(absolute.getParent(), "ls-tree", "--full-tree", "--name-only", ref + ":./" + absolute.getFileName())
                .map(names -> names.lines()
                        .map(name -> MigrationFiles.VERSIONED.matcher(name.strip()))
                        .filter(java.util.regex.Matcher::matches)
                        .map(matcher -> matcher.group(1))
                        .toList());
    }
}
