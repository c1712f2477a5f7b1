package dev.keel.tools.devservices.run;

import dev.keel.tools.devservices.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The application's classes kept from one run to the next, in the directory of one build of its jar (a new
 * build gets a new directory, so a rebuilt jar never meets an old cache):
 *
 * <ul>
 *   <li>JDK 25 and newer: the JDK's AOT cache (JEP 483, 514, 515), classes loaded and linked ahead of time and
 *       method profiles. A run without a cache starts without one; once it is up, {@link #train} starts the
 *       application a second time in the background, recording what it loads until its context is refreshed, and
 *       writes the cache from that record. Later runs start from it. Recording in the run itself would slow its
 *       start by half and make Ctrl-C wait for the cache (docs/performance.md, the edit-run loop).
 *   <li>JDK 21 to 24: a class-data-sharing archive the JVM writes itself when the first run stops.
 * </ul>
 *
 * Files are named after the JDK (version and home): another JDK trains its own. A missing, stale or damaged cache
 * never fails a start: the JVM checks it against the JDK and the jars and, with VerifySharedSpaces, its checksum,
 * and starts without it when it does not fit; the one failure the JVM stops on leaves its reason in a log that
 * {@link #discardIfBroken} reads.
 */
final class ClassCache {

    /** The AOT cache arrived in JDK 24 and became trainable in one run's record in 25; 25 is an LTS. */
    static final int AOT_CACHE_SINCE = 25;

    // Silent: the JVM's own notices about the cache (recorded, not used) are noise in make run's terminal.
    private static final List<String> QUIET = List.of("-Xlog:aot=off", "-Xlog:cds=off");

    // Training and writing the cache run beside the developer's application: they yield the cores to it where nice
    // exists.
    private static final List<String> LOW_PRIORITY =
            Files.isExecutable(Path.of("/usr/bin/nice")) ? List.of("/usr/bin/nice", "-n", "10") : List.of();

    private final Path directory;
    private final int jdkFeature;
    private final String name;

    ClassCache(Path directory, Runtime.Version jdk, String javaHome) {
        this.directory = directory;
        this.jdkFeature = jdk.feature();
        this.name = "application-" + Integer.toHexString((jdk + "|" + javaHome).hashCode());
    }

    /** The cache for the JVM this launcher runs on, which also runs the application. */
    static ClassCache forThisJdk(Path directory) {
        return new ClassCache(directory, Runtime.version(), System.getProperty("java.home"));
    }

    boolean aotCache() {
        return jdkFeature >= AOT_CACHE_SINCE;
    }

    Path cacheFile() {
        return directory.resolve(name + (aotCache() ? ".aot" : ".jsa"));
    }

    Path configuration() {
        return directory.resolve(name + ".aotconf");
    }

    Path errorLog() {
        return directory.resolve(name + ".errors.log");
    }

    /** Whether there is no AOT cache yet for {@link #train} to write. */
    boolean training() {
        return aotCache() && !Files.isRegularFile(cacheFile());
    }

    Path trainingLog() {
        return directory.resolve(name + ".training.log");
    }

    /** The JVM options of the next start: from the cache, or none while there is no cache yet. */
    List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        if (!aotCache()) {
            options.add("-XX:SharedArchiveFile=" + cacheFile());
            options.add("-XX:+AutoCreateSharedArchive");
            options.add("-Xlog:cds=off");
            options.add("-Xlog:cds+dynamic=off");
            return options;
        }
        if (training()) {
            return QUIET;
        }
        options.add("-XX:AOTCache=" + cacheFile());
        options.add("-XX:+VerifySharedSpaces");
        options.addAll(QUIET);
        options.add("-Xlog:aot=error:file=" + errorLog());
        return options;
    }

    /** The JVM options of a start that records what it loads, for {@link #create}. */
    List<String> recordingOptions() {
        List<String> options = new ArrayList<>(List.of(
                "-XX:AOTMode=record",
                "-XX:AOTConfiguration=" + configuration(),
                // The JVM names the recorded file on standard output when it stops: not make run's business.
                "-XX:+UnlockDiagnosticVMOptions",
                "-XX:-DisplayVMOutput"));
        options.addAll(QUIET);
        return options;
    }

    /**
     * Writes the cache from a training start: {@code launch} runs the application with {@code jvmOptions} (which
     * must make it exit once started: for Spring, {@code -Dspring.context.exit=onRefresh}) and {@code environment},
     * recording, at a low priority and with its output in {@link #trainingLog}; then {@link #create}. Interrupted,
     * it stops what it started and leaves no record behind, as does a start that fails. Returns whether a cache is
     * there now.
     */
    boolean train(List<String> jvmOptions, List<String> launch, Map<String, String> environment, Duration timeout) {
        if (!aotCache()) {
            return false;
        }
        discardRecord();
        List<String> command = new ArrayList<>(LOW_PRIORITY);
        command.add(Processes.currentJava());
        command.addAll(recordingOptions());
        command.addAll(jvmOptions);
        command.addAll(launch);
        boolean recorded;
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(trainingLog().toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process recording = builder.start();
            try {
                // Only a start that succeeded is worth a cache: one that failed recorded a start that is not the
                // application's.
                recorded = recording.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) && recording.exitValue() == 0;
            } finally {
                Processes.destroyTree(recording.toHandle());
                awaitExit(recording);
            }
        } catch (IOException e) {
            recorded = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            recorded = false;
        }
        if (!recorded) {
            discardRecord();
            return false;
        }
        return create(jvmOptions, launch, timeout);
    }

    /**
     * Waits for a killed recording start to be gone, so that a training that returns has stopped what it started
     * (the kill itself does not wait); a JVM killed ends at once, so the bound is only against the unexpected.
     */
    private static void awaitExit(Process recording) {
        try {
            recording.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * After a recording start has stopped: writes the cache from its record, into a file of its own that is renamed
     * only once complete, and removes the files of other JDKs. {@code launch} is what follows the JVM options in
     * the application's command ({@code -jar app.jar}) and {@code jvmOptions} what the application runs with
     * besides the cache's. Returns whether a cache is there now.
     */
    boolean create(List<String> jvmOptions, List<String> launch, Duration timeout) {
        Path configuration = configuration();
        if (!aotCache() || !isNonEmptyFile(configuration)) {
            return false;
        }
        Path partial = directory.resolve(name + ".aot.partial");
        try {
            List<String> command = new ArrayList<>(LOW_PRIORITY);
            command.addAll(List.of(
                    Processes.currentJava(),
                    "-XX:AOTMode=create",
                    "-XX:AOTConfiguration=" + configuration,
                    "-XX:AOTCache=" + partial,
                    // Without the adapters' and stubs' machine code, the one part the checksum leaves out:
                    // damaged, it would crash the JVM rather than be ignored.
                    "-XX:+UnlockDiagnosticVMOptions",
                    "-XX:-AOTAdapterCaching",
                    "-XX:-AOTStubCaching"));
            command.addAll(QUIET);
            command.addAll(jvmOptions);
            command.addAll(launch);
            if (Processes.run(command, timeout).succeeded() && isNonEmptyFile(partial)) {
                Files.move(partial, cacheFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                deleteOtherJdksFiles();
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        } finally {
            deleteQuietly(partial);
            deleteQuietly(configuration);
        }
    }

    /** A record that is not worth a cache (its training did not finish): the next training records again. */
    void discardRecord() {
        deleteQuietly(configuration());
    }

    /**
     * After the application stopped before it was up: whether the JVM refused the cache (its error log names the
     * cause), in which case the cache is gone now and a start without it may succeed.
     */
    boolean discardIfBroken() {
        Path log = errorLog();
        try {
            if (!aotCache()
                    || !Files.isRegularFile(log)
                    || !Files.readString(log, StandardCharsets.UTF_8).contains("unrecoverable")) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        deleteQuietly(cacheFile());
        deleteQuietly(log);
        return true;
    }

    private void deleteOtherJdksFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.startsWith("application-") && !fileName.startsWith(name + ".")) {
                    deleteQuietly(file);
                }
            }
        }
    }

    private static boolean isNonEmptyFile(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file is harmless: the next start ignores or replaces it
        }
    }
}
