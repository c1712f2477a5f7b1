package dev.keel.application.common;

import java.util.function.Supplier;

/**
 * The use-case boundary's transaction, as a port: services say where a transaction begins and
 * ends without knowing Spring. Bootstrap implements it with Spring's transaction manager; unit
 * tests run the work directly.
 */
public interface Transactions {

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs {@code work}, which only reads, on one connection: inside the caller's transaction if
     * there is one, else without one (autocommit), as each statement sees its own snapshot at READ
     * COMMITTED either way (reads that must share one snapshot need REPEATABLE READ, which
     * neither method gives).
     */
    <T> T readOnly(Supplier<T> work);
}
