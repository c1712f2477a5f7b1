package dev.keel.domain.storage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/** An object read from storage: the caller streams its content and closes it. */
public record StoredObject(InputStream content, String contentType, long contentLength) implements AutoCloseable {

    public StoredObject {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentType, "contentType");
    }

    @Override
    public void close() throws IOException {
        content.close();
    }
}
