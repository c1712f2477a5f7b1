package dev.keel.application.widget.port.in;

import dev.keel.domain.common.Actor;
import dev.keel.domain.widget.WidgetId;
import java.io.InputStream;
import java.util.Objects;

/** {@code actor} attaches {@code size} bytes streamed from {@code content} to a widget, replacing any earlier file. */
public record AttachFileCommand(WidgetId id, InputStream content, long size, String contentType, Actor actor) {

    public AttachFileCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(actor, "actor");
    }
}
