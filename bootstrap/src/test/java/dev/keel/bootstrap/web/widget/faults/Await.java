package dev.keel.bootstrap.web.widget.faults;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded polling for a condition the test cannot be told about: how long it took, or a failure naming it. */
final class Await {

    private static final Duration POLL = Duration.ofMillis(100);

    private Await() {}

    static Duration until(String condition, Duration limit, Callable<Boolean> check) throws Exception {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (true) {
            if (check.call()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + limit.toSeconds() + " s: " + condition);
            }
            Thread.sleep(POLL);
        }
    }
}
