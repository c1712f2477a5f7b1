package dev.keel.tools.devservices.postgres;

import dev.keel.tools.devservices.DevServiceException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Room on the disk that holds a server's data, checked before it starts. On a full disk PostgreSQL refuses writes
 * (53100, "could not extend file") or, when its write-ahead log cannot grow, stops; its cluster stays consistent
 * either way, but a developer should hear about the disk before that, not from a 503.
 */
final class FreeSpace {

    /** Below this the server is not started: a few WAL segments (16 MB each) and a checkpoint's worth. */
    static final long REFUSE_BELOW = 64L * 1024 * 1024;

    /** Below this the start goes on with a warning. */
    static final long WARN_BELOW = 512L * 1024 * 1024;

    private FreeSpace() {}

    static void require(Path home, List<String> notices) throws IOException {
        FileStore store = Files.getFileStore(home);
        long free = store.getUsableSpace();
        if (free < REFUSE_BELOW) {
            throw new DevServiceException("Only " + megabytes(free) + " MB is free on the disk that holds " + home
                    + " (" + store + "). PostgreSQL needs room for its write-ahead log to start and take writes: "
                    + "on a full disk it refuses them, or stops.\n"
                    + "  Fix: free at least " + megabytes(REFUSE_BELOW) + " MB there (never delete files under "
                    + home.resolve("data").resolve("pg_wal") + ": the cluster needs them), or point KEEL_DATA_DIR "
                    + "at a disk with room. The data directory was not touched.");
        }
        if (free < WARN_BELOW) {
            notices.add("only " + megabytes(free) + " MB is free on the disk that holds " + home
                    + ": when it fills, PostgreSQL refuses writes (the API answers 503) until space is freed");
        }
    }

    private static long megabytes(long bytes) {
        return bytes / (1024 * 1024);
    }
}
