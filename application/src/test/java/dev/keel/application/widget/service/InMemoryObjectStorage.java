package dev.keel.application.widget.service;

import dev.keel.domain.storage.ObjectStorage;
import dev.keel.domain.storage.StorageKey;
import dev.keel.domain.storage.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The storage port in a map. Like the S3 SDK, a put fails when the stream ends before its announced length. */
final class InMemoryObjectStorage implements ObjectStorage {

    final Map<StorageKey, byte[]> objects = new LinkedHashMap<>();
    Runnable duringPut = () -> {};
    /** Runs once the store has read one byte: where an outage strikes mid-stream. */
    Runnable afterFirstByte = () -> {};

    @Override
    public void put(StorageKey key, InputStream content, long contentLength, String contentType) {
        try {
            byte[] head = content.readNBytes(Math.min(1, (int) contentLength));
            afterFirstByte.run();
            byte[] bytes = Arrays.copyOf(head, (int) contentLength);
            int length = head.length + content.readNBytes(bytes, head.length, bytes.length - head.length);
            bytes = Arrays.copyOf(bytes, length);
            duringPut.run();
            if (bytes.length < contentLength) {
                throw new IllegalStateException("stream ended after " + bytes.length + " bytes");
            }
            objects.put(key, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<StoredObject> get(StorageKey key) {
        return Optional.ofNullable(objects.get(key))
                .map(bytes ->
                        new StoredObject(new ByteArrayInputStream(bytes), "application/octet-stream", bytes.length));
    }

    @Override
    public boolean exists(StorageKey key) {
        return objects.containsKey(key);
    }

    @Override
    public void delete(StorageKey key) {
        objects.remove(key);
    }

    @Override
    public URI presignGet(StorageKey key, Duration lifetime) {
        return URI.create("memory://" + key + "?seconds=" + lifetime.toSeconds());
    }

    @Override
    public URI presignPut(StorageKey key, String contentType, Duration lifetime) {
        return presignGet(key, lifetime);
    }
}
