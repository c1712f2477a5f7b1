package dev.keel.tools.devservices.run;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The application jar unpacked once per build, with its {@link ClassCache} beside it: nested jars
 * load slowly and every start would parse the same classes again.
 */
final class ExtractedApplication {

    private final Path directory;
    private final Path jar;

    private ExtractedApplication(Path directory, Path jar) {
        this.directory = directory;
        this.jar = jar;
    }

    /** Unpacks {@code appJar} under {@code cacheRoot}, unless this build of it is there already. */
    static ExtractedApplication of(Path appJar, Path cacheRoot) {
        try {
            String build =
                    Files.size(appJar) + "-" + Files.getLastModifiedTime(appJar).toMillis();
            Path directory = cacheRoot.resolve(build);
            Path jar = directory.resolve(appJar.getFileName());
            if (!Files.isRegularFile(jar)) {
                deleteOlderBuilds(cacheRoot);
                // Unpack beside, then rename: an interrupted unpack never passes for a complete one.
                Path staging = cacheRoot.resolve(build + ".unpacking");
                Directories.deleteTree(staging);
                Processes.Result result = Processes.run(
                        List.of(
                                Processes.currentJava(),
                                "-Djarmode=tools",
                                "-jar",
                                appJar.toString(),
                                "extract",
                                "--destination",
                                staging.toString()),
                        Duration.ofMinutes(2));
                if (!result.succeeded()) {
                    throw new DevServiceException("Could not unpack " + appJar + ":\n" + result.output());
                }
                Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            }
            return new ExtractedApplication(directory, jar);
        } catch (IOException e) {
            throw new DevServiceException(
                    "Could not unpack " + appJar + " into " + cacheRoot + ": " + e.getMessage(), e);
        }
    }

    private static void deleteOlderBuilds(Path cacheRoot) throws IOException {
        if (!Files.isDirectory(cacheRoot)) {
            return;
        }
        try (Stream<Path> builds = Files.list(cacheRoot)) {
            for (Path build : builds.toList()) {
                Directories.deleteTree(build);
            }
        }
    }

    /**
     * Development JVM options, not production ones, besides the class cache's: KEEL_APP_JAVA_OPTS, placed after
     * them, can override.
     */
    List<String> jvmOptions() {
        // A local server gains little from the optimising compiler and starts faster without it; the serial
        // collector sets up no worker threads and no remembered sets for a heap this small (bench/startup: own
        // start -5%). The image keeps the JVM's choice for its machine.
        return List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    ClassCache classCache() {
        return ClassCache.forThisJdk(directory);
    }

    Path jar() {
        return jar;
    }
}
