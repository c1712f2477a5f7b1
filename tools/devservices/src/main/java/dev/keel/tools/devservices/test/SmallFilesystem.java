package dev.keel.tools.devservices.test;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.Processes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/**
 * A file system of a few megabytes (a tmpfs mounted for one test) that a test can fill to the last byte and free
 * again, to show what a full disk does to a server whose data lives there. Mounting needs root, as CI runs;
 * {@link #available()} says whether it can here.
 */
public final class SmallFilesystem implements AutoCloseable {

    private static final int CHUNK = 1 << 20;

    private final Path root;
    private final Path filler;

    private SmallFilesystem(Path root) {
        this.root = root;
        this.filler = root.resolve("filler");
    }

    /** Whether this process may mount one: as root, as CI runs. */
    public static boolean available() {
        return dev.keel.tools.devservices.postgres.ServerUser.isRoot();
    }

    /** Mounts a tmpfs of {@code megabytes} on a new directory, searchable by all (the server may run as nobody). */
    public static SmallFilesystem mount(int megabytes) throws IOException {
        Path root = Files.createTempDirectory(Path.of("/tmp"), "keel-small-fs-");
        Processes.Result mounted = Processes.run(
                List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0755", "tmpfs", root.toString()),
                Duration.ofSeconds(10));
        if (!mounted.succeeded()) {
            Files.deleteIfExists(root);
            throw new DevServiceException(
                    "Could not mount a " + megabytes + " MB tmpfs on " + root + ": " + mounted.output());
        }
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new SmallFilesystem(root);
    }

    public Path root() {
        return root;
    }

    public long freeBytes() throws IOException {
        return Files.getFileStore(root).getUsableSpace();
    }

    /** Writes a filler file until at most {@code bytes} are left (0: until the file system refuses a byte more). */
    public void fillLeaving(long bytes) throws IOException {
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            long toWrite = freeBytes() - bytes;
            while (toWrite > 0) {
                int length = (int) Math.min(chunk.length, toWrite);
                out.write(chunk, 0, length);
                toWrite -= length;
            }
            if (bytes == 0) {
                // Whatever a page rounding left: one byte at a time until the kernel says no.
                while (true) {
                    out.write(chunk, 0, 1);
                    out.flush();
                }
            }
        } catch (IOException full) {
            if (bytes != 0 || !String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Deletes the filler: the room it took is free again. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    /** Unmounts (lazily, should a process still hold a file there) and removes the mount point. */
    @Override
    public void close() throws IOException {
        Processes.Result unmounted = Processes.run(List.of("umount", "-l", root.toString()), Duration.ofSeconds(10));
        if (!unmounted.succeeded()) {
            throw new DevServiceException("Could not unmount " + root + ": " + unmounted.output());
        }
        Directories.deleteTree(root);
    }
}
