package dev.keel.tools.apicontract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The release a client may still be built against: the newest tag matching the pattern (default
 * {@code v*}, KEEL_RELEASE_TAGS) that HEAD builds on, a tag on HEAD itself excluded (that is this
 * release), as keel-migrate's schema check finds it.
 */
public record PreviousRelease(String tag) {

    public static Optional<PreviousRelease> of(Path repository, String tagPattern) {
        List<String> atHead = lines(git(repository, "tag", "--points-at", "HEAD", "--list", tagPattern));
        List<String> merged =
                lines(git(repository, "tag", "--merged", "HEAD", "--sort=creatordate", "--list", tagPattern)).stream()
                        .filter(tag -> !atHead.contains(tag))
                        .toList();
        return merged.isEmpty() ? Optional.empty() : Optional.of(new PreviousRelease(merged.getLast()));
    }

    /** The file as this release committed it; empty when the release has no such file. */
    public Optional<String> file(Path repository, String pathFromTop) {
        return git(repository, "show", tag + ":" + pathFromTop);
    }

    /** The path of a file relative to the top of the working tree, as git show takes it. */
    public static String pathFromTop(Path repository, Path file) {
        Path top = git(repository, "rev-parse", "--show-toplevel")
                .map(out -> Path.of(out.strip()))
                .orElseThrow(() -> new IllegalStateException(repository + " is not in a git working tree"));
        return top.toAbsolutePath()
                .normalize()
                .relativize(file.toAbsolutePath().normalize())
                .toString()
                .replace('\\', '/');
    }

    private static List<String> lines(Optional<String> output) {
        return output.map(out -> out.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList())
                .orElse(List.of());
    }

    /** git's standard output, or empty when it fails (not a repository, no such ref or file). */
    static Optional<String> git(Path repository, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            return process.waitFor() == 0 ? Optional.of(output) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
