package dev.keel.tools.devservices.s3;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.Processes;
import dev.keel.tools.devservices.S3Endpoint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * S3Proxy with a filesystem store, as a child process on 127.0.0.1: a real S3 protocol server
 * (SigV4 signatures, presigned URL expiry) with no Docker. Its jar runs in its own JVM because
 * its bundled dependencies would clash with the application's on one classpath.
 */
public final class LocalS3 implements AutoCloseable {

    /** Where the build copies the S3Proxy jar; {@code -Dkeel.s3proxy.jar} overrides. */
    public static final String JAR_PROPERTY = "keel.s3proxy.jar";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final S3Endpoint endpoint;
    private final Path pidFile;
    private final boolean stoppedLeftover;

    private LocalS3(Process process, S3Endpoint endpoint, Path pidFile, boolean stoppedLeftover) {
        this.process = process;
        this.endpoint = endpoint;
        this.pidFile = pidFile;
        this.stoppedLeftover = stoppedLeftover;
    }

    /** Where {@link #start} will answer: known before it is up, so a client can be configured meanwhile. */
    public static S3Endpoint endpoint(int port, String accessKey, String secretKey, String bucket) {
        return new S3Endpoint(URI.create("http://127.0.0.1:" + port), "us-east-1", accessKey, secretKey, bucket);
    }

    /**
     * Starts S3Proxy storing objects under {@code home}/objects and makes sure {@code bucket}
     * exists. An S3Proxy left running by a crashed run of the same home is stopped first.
     */
    public static LocalS3 start(Path home, int port, String accessKey, String secretKey, String bucket) {
        Path jar = s3ProxyJar();
        Path pidFile = home.resolve("s3proxy.pid");
        Path logFile = home.resolve("s3proxy.log");
        S3Endpoint endpoint = endpoint(port, accessKey, secretKey, bucket);
        Process process;
        boolean stoppedLeftover;
        try {
            // The filesystem store keeps a bucket as a directory of its base directory: creating it here spares
            // the launcher an S3 client (its classes and TLS set-up) while the application starts beside it.
            String bucketDirectory = bucketDirectory(bucket);
            Files.createDirectories(home.resolve("objects").resolve(bucketDirectory));
            stoppedLeftover = Processes.stopLeftover(pidFile, "s3proxy", Duration.ofSeconds(10))
                    .isPresent();
            Ports.requireFree(port, "the embedded S3 server (S3Proxy)", "KEEL_S3_PORT");
            Path properties = home.resolve("s3proxy.properties");
            Files.writeString(
                    properties,
                    String.join(
                            "\n",
                            "s3proxy.endpoint=" + endpoint.endpoint(),
                            "s3proxy.authorization=aws-v2-or-v4",
                            "s3proxy.identity=" + accessKey,
                            "s3proxy.credential=" + secretKey,
                            "jclouds.provider=filesystem",
                            "jclouds.filesystem.basedir="
                                    + home.resolve("objects").toAbsolutePath(),
                            ""));
            // C1 only and a class-data archive written at the first exit: S3Proxy starts in half the time.
            process = new ProcessBuilder(
                            Processes.currentJava(),
                            "-Xmx256m",
                            "-XX:TieredStopAtLevel=1",
                            "-XX:SharedArchiveFile=" + home.resolve("s3proxy.jsa"),
                            "-XX:+AutoCreateSharedArchive",
                            "-jar",
                            jar.toString(),
                            "--properties",
                            properties.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            Files.writeString(pidFile, Long.toString(process.pid()));
        } catch (IOException e) {
            throw new DevServiceException("Could not start S3Proxy in " + home + ": " + e.getMessage(), e);
        }
        LocalS3 server = new LocalS3(process, endpoint, pidFile, stoppedLeftover);
        try {
            server.awaitListening(port, logFile);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static String bucketDirectory(String bucket) {
        // S3's own rule for bucket names, which also keeps the name one directory deep.
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]") || bucket.contains("..")) {
            throw new DevServiceException("Not a valid S3 bucket name: '" + bucket + "'");
        }
        return bucket;
    }

    private void awaitListening(int port, Path logFile) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new DevServiceException("S3Proxy exited with code " + process.exitValue() + " while starting. "
                        + "Its log (" + logFile + ") ends with:\n" + Processes.tail(logFile, 15));
            }
            if (Ports.isListening(port)) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new DevServiceException("S3Proxy did not listen on port " + port + " within " + START_TIMEOUT.toSeconds()
                + " s. Its log (" + logFile + ") ends with:\n" + Processes.tail(logFile, 15));
    }

    private static Path s3ProxyJar() {
        Path jar = Path.of(System.getProperty(JAR_PROPERTY, "tools/devservices/target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new DevServiceException("The S3Proxy jar is not at " + jar.toAbsolutePath() + ".\n"
                    + "  Fix: build the devservices module first (./mvnw -pl devservices -am package -DskipTests), "
                    + "or point -D" + JAR_PROPERTY + " at it.");
        }
        return jar;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevServiceException("Interrupted while waiting for S3Proxy", e);
        }
    }

    public S3Endpoint endpoint() {
        return endpoint;
    }

    /** Whether starting meant stopping an S3Proxy that a crashed run left on the same directory. */
    public boolean stoppedLeftover() {
        return stoppedLeftover;
    }

    @Override
    public void close() {
        Processes.stop(process.toHandle(), Duration.ofSeconds(10));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // A stale pid file is harmless: the next start checks the process it names.
        }
    }
}
