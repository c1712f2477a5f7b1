package dev.keel.tools.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** Where a throwaway server's data goes: in memory when the machine has room there, readable by the server user. */
class ScratchDirectoryTest {

    @Test
    void aScratchDirectoryIsNewReachableByAllAndInMemoryWhenThereIsRoom() throws IOException {
        Path first = Directories.newScratchDirectory("keel-scratch-test-");
        Path second = Directories.newScratchDirectory("keel-scratch-test-");
        try {
            assertThat(first).isDirectory().isNotEqualTo(second);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first)))
                    .isEqualTo("rwxr-xr-x");
            Path shm = Path.of("/dev/shm");
            boolean roomInMemory = System.getenv("KEEL_SCRATCH_DIR") == null
                    && Files.isDirectory(shm)
                    && Files.isWritable(shm)
                    && Files.getFileStore(shm).getUsableSpace() >= 2L * 1024 * 1024 * 1024;
            assertThat(first.getParent())
                    .isEqualTo(
                            roomInMemory
                                    ? shm
                                    : System.getenv("KEEL_SCRATCH_DIR") != null
                                            ? Path.of(System.getenv("KEEL_SCRATCH_DIR"))
                                            : Path.of(System.getProperty("java.io.tmpdir")));
        } finally {
            Directories.deleteTree(first);
            Directories.deleteTree(second);
        }
    }
}
