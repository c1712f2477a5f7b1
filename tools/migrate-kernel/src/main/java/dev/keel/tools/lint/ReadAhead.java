package dev.keel.tools.lint;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads and parses the scripts of a lint run on every core while the rules, which must follow the
 * schema in order, check the ones before. Lexing and parsing are most of a run and depend on
 * nothing but their own file, so each script is read once, by whichever thread claims it first:
 * a helper per spare core, and the checking thread itself whenever the script it needs next is
 * not read yet. A script that fails to read fails where it is checked, as if read there.
 */
final class ReadAhead<T> {

    /** What reading one script gave: the script, or what it threw. */
    private record Read<T>(@Nullable T script, @Nullable Throwable failure) {}

    private final List<Supplier<T>> reads;
    private final List<CompletableFuture<Read<T>>> results;
    private final AtomicInteger next = new AtomicInteger();

    ReadAhead(List<Supplier<T>> reads) {
        this.reads = List.copyOf(reads);
        this.results =
                reads.stream().map(read -> new CompletableFuture<Read<T>>()).toList();
        int helpers = Math.min(Runtime.getRuntime().availableProcessors() - 1, reads.size() - 1);
        for (int i = 0; i < helpers; i++) {
            Thread.ofPlatform().daemon().name("keel-lint-read-" + i).start(this::readUntilDone);
        }
    }

    /** Reading the script at {@code index}, as the checker asks for it. */
    Supplier<T> reader(int index) {
        return () -> get(index);
    }

    /** The script at {@code index}, read by now; throws what reading it threw. */
    T get(int index) {
        CompletableFuture<Read<T>> wanted = results.get(index);
        while (!wanted.isDone() && readOne()) {
            // read ahead on this thread too, until the one wanted is in
        }
        Read<T> read = wanted.join();
        switch (read.failure()) {
            case null -> {}
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case Throwable e -> throw new IllegalStateException(e);
        }
        return Objects.requireNonNull(read.script());
    }

    private void readUntilDone() {
        while (readOne()) {
            // claim the next script until none is left
        }
    }

    /** Reads the next unclaimed script; false when every one is claimed. */
    private boolean readOne() {
        int index = next.getAndIncrement();
        if (index >= reads.size()) {
            return false;
        }
        Read<T> read;
        try {
            read = new Read<>(reads.get(index).get(), null);
        } catch (RuntimeException | Error e) { // an Error too: the thread that waits for it must not wait forever
            read = new Read<>(null, e);
        }
        results.get(index).complete(read);
        return true;
    }
}
