package dev.keel.application.widget.port.in;

import dev.keel.domain.widget.WidgetId;
import java.io.InputStream;
import java.util.Objects;

/** Attach {@code size} bytes streamed from {@code content} to a widget, replacing any earlier file. */
public record AttachFileCommand(WidgetId id, InputStream content, long size, String contentType) {

    public AttachFileCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentType, "contentType");
    }
}
