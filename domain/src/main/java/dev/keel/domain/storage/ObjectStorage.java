package dev.keel.domain.storage;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Outbound port: a bucket of objects addressed by {@link StorageKey}. Every method that reaches
 * the store throws {@link StorageUnavailableException} when the store does not answer.
 */
public interface ObjectStorage {

    /** Stores {@code contentLength} bytes streamed from {@code content}, replacing any object at {@code key}. */
    void put(StorageKey key, InputStream content, long contentLength, String contentType);

    /** The object at {@code key}, or empty when there is none. */
    Optional<StoredObject> get(StorageKey key);

    boolean exists(StorageKey key);

    /** Removes the object; removing a missing object is not an error. */
    void delete(StorageKey key);

    /** A URL that lets anyone holding it read the object until {@code lifetime} has passed. */
    URI presignGet(StorageKey key, Duration lifetime);

    /** A URL that lets anyone holding it upload an object of {@code contentType} until {@code lifetime} has passed. */
    URI presignPut(StorageKey key, String contentType, Duration lifetime);
}
