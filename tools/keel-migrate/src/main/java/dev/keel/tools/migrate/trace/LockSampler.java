package dev.keel.tools.migrate.trace;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Polls pg_locks from a second connection while a statement runs outside a transaction, where
 * the migrating session's locks are gone by the time the statement returns. What it reports is a
 * sample: a lock held for less than a poll can slip through, and whether a brief one is caught
 * varies from run to run, so what it sees informs and never fails the trace.
 */
final class LockSampler implements AutoCloseable {

    /** A pause between polls, so the sampler does not spin a core against the statement it watches. */
    private static final long PAUSE_NANOS = 1_000_000;

    private final Connection observer;
    private final int pid;
    private final Map<Locks.Lock, String> seen = new HashMap<>();
    private final Thread thread;
    private final CountDownLatch firstSample = new CountDownLatch(1);
    private volatile boolean running = true;
    private SQLException failure;

    LockSampler(Connection observer, int pid) {
        this.observer = observer;
        this.pid = pid;
        this.thread =
                Thread.ofPlatform().daemon().name("keel-trace-lock-sampler").start(this::poll);
        // The first query of a new thread is the slow one: let it pass before the statement starts.
        try {
            firstSample.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        do {
            try {
                Map<Locks.Lock, String> now = Locks.ofBackend(observer, pid);
                synchronized (this) {
                    seen.putAll(now);
                }
                firstSample.countDown();
                LockSupport.parkNanos(PAUSE_NANOS);
            } catch (SQLException e) {
                synchronized (this) {
                    failure = e;
                }
                firstSample.countDown();
                return;
            }
        } while (running);
    }

    /** Stops polling and returns every lock seen. */
    Map<Locks.Lock, String> stop() throws SQLException {
        running = false;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            return new HashMap<>(seen); // a lock on a relation dropped meanwhile has no name
        }
    }

    @Override
    public void close() throws SQLException {
        if (thread.isAlive()) {
            stop();
        }
    }
}
