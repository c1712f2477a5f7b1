package dev.keel.tools.devservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** Small helpers for the child processes the dev services run. */
public final class Processes {

    private Processes() {}

    /** The result of a finished command: exit code and its combined output. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Runs a command to completion, capturing stdout and stderr together; gives up after {@code timeout}. */
    public static Result run(List<String> command, Duration timeout) {
        Path output = null;
        @Nullable Process process = null;
        try {
            // Output goes to a file, not a pipe, so waiting with a timeout cannot block on a full pipe.
            output = Files.createTempFile("keel-command-", ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                destroyTree(process.toHandle());
                return new Result(-1, read(output) + "\n(gave up after " + timeout.toSeconds() + " s)");
            }
            return new Result(process.exitValue(), read(output).strip());
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            // Whoever waited no longer wants the command: it stops too, with what it started.
            if (process != null) {
                destroyTree(process.toHandle());
            }
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** The java executable of this JVM, so children run on the same JDK. */
    public static String currentJava() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The last lines of a log file, for error messages. */
    public static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }

    /** Stops a process politely, then forcibly once {@code grace} has passed. */
    public static void stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            destroyTree(process);
        }
    }

    /** Kills a process and what it started, without waiting for either. */
    public static void destroyTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * The live process an earlier run recorded in {@code pidFile}, if its command line still
     * contains {@code marker}: a recycled pid now used by something else is never touched.
     */
    public static Optional<ProcessHandle> leftover(Path pidFile, String marker) {
        try {
            // The pid is the first line, as in PostgreSQL's postmaster.pid.
            long pid = Long.parseLong(
                    Files.readString(pidFile).lines().findFirst().orElse("").strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(process -> process.info()
                    .commandLine()
                    .map(line -> line.contains(marker))
                    .orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the leftover recorded in {@code pidFile}; its pid when there was one. */
    public static Optional<Long> stopLeftover(Path pidFile, String marker, Duration grace) {
        Optional<ProcessHandle> leftover = leftover(pidFile, marker);
        leftover.ifPresent(process -> stop(process, grace));
        return leftover.map(ProcessHandle::pid);
    }
}
