package dev.keel.tools.scaffold;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Files written all at once or not at all: each is first written under a temporary directory in the
 * tree, then moved into place; when a move fails, the moves before it are undone and replaced files
 * come back, so a failure half-way leaves the tree as it was.
 */
final class StagedFiles {

    private final Path root;
    private final Map<Path, String> files = new LinkedHashMap<>();

    StagedFiles(Path root) {
        this.root = root;
    }

    /** {@code relative} (new, or replacing a file) will hold {@code text}. */
    void put(Path relative, String text) {
        files.put(relative, text);
    }

    Map<Path, String> files() {
        return Map.copyOf(files);
    }

    void commit() {
        Path staging;
        try {
            staging = Files.createTempDirectory(root, ".keel-new-aggregate-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory in " + root, e);
        }
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            for (Map.Entry<Path, String> file : files.entrySet()) {
                Path staged = staging.resolve("new").resolve(file.getKey());
                Files.createDirectories(staged.getParent());
                Files.writeString(staged, file.getValue());
            }
            for (Path relative : files.keySet()) {
                Path target = root.resolve(relative);
                Path staged = staging.resolve("new").resolve(relative);
                if (Files.exists(target)) {
                    Path kept = staging.resolve("old").resolve(relative);
                    Files.createDirectories(kept.getParent());
                    Files.copy(target, kept, StandardCopyOption.COPY_ATTRIBUTES);
                    undo.push(() -> move(kept, target));
                } else {
                    createParents(target.getParent(), undo);
                    undo.push(() -> delete(target));
                }
                move(staged, target);
            }
            undo.clear();
        } catch (IOException | RuntimeException e) {
            RuntimeException failure =
                    e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            // Every step of the undo is tried, newest first: one that cannot run must not keep the others from it.
            for (Runnable step : undo) {
                try {
                    step.run();
                } catch (RuntimeException undoFailure) {
                    failure.addSuppressed(undoFailure);
                }
            }
            throw failure;
        } finally {
            deleteTree(staging);
        }
    }

    /** Creates the missing directories above a new file, registering their removal (deepest first). */
    private static void createParents(Path directory, Deque<Runnable> undo) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path dir = directory; dir != null && !Files.exists(dir); dir = dir.getParent()) {
            missing.push(dir);
        }
        while (!missing.isEmpty()) {
            Path dir = missing.pop();
            Files.createDirectory(dir);
            undo.push(() -> delete(dir));
        }
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(StagedFiles::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
