package dev.keel.tools.devservices.run;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One {@code make run} per data directory. The operating system releases the lock when the
 * holder dies, however it dies, so a crashed run never blocks the next one.
 */
public final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;
    private final Path infoFile;

    private RunLock(FileChannel channel, FileLock lock, Path infoFile) {
        this.channel = channel;
        this.lock = lock;
        this.infoFile = infoFile;
    }

    /** The lock, or empty with the holder's description when another run has it. */
    public static Optional<RunLock> tryAcquire(Path directory, String description) throws IOException {
        Files.createDirectories(directory);
        FileChannel channel =
                FileChannel.open(directory.resolve("run.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        Path infoFile = directory.resolve("run.info");
        Files.writeString(infoFile, "pid " + ProcessHandle.current().pid() + ": " + description + "\n");
        return Optional.of(new RunLock(channel, lock, infoFile));
    }

    /** Whether a live {@code make run} holds {@code directory}'s lock now. */
    public static boolean held(Path directory) {
        if (!Files.isRegularFile(directory.resolve("run.lock"))) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(directory.resolve("run.lock"), StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true; // this very JVM holds it
        } catch (IOException e) {
            return false;
        }
    }

    /** What the run holding the lock said about itself. */
    public static String holder(Path directory) {
        try {
            return Files.readString(directory.resolve("run.info")).strip();
        } catch (IOException e) {
            return "(it did not say where it listens)";
        }
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(infoFile);
        lock.release();
        channel.close();
    }
}
