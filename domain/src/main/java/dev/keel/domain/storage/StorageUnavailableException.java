package dev.keel.domain.storage;

/**
 * The object store did not answer (refused, reset, timed out, or a 5xx): an outage to retry
 * later, not a fault of the request. Storage adapters raise it so callers need no SDK types.
 */
public final class StorageUnavailableException extends RuntimeException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
