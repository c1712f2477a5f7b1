package dev.keel.bootstrap.web.widget;

import dev.keel.domain.widget.Attachment;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetStatus;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A widget as the API shows it: {@code createdBy} and {@code updatedBy} are the subjects of the
 * tokens that created it and last changed it. The attachment is described, never linked: see GET
 * .../attachment.
 */
public record WidgetResponse(
        UUID id,
        String name,
        WidgetStatus status,
        @Nullable AttachmentResponse attachment,
        Instant createdAt,
        Instant updatedAt,
        String createdBy,
        String updatedBy,
        long version) {

    /** What the API says about an attached file. */
    public record AttachmentResponse(String contentType, long size, String sha256) {

        static AttachmentResponse from(Attachment attachment) {
            return new AttachmentResponse(attachment.contentType(), attachment.size(), attachment.sha256());
        }
    }

    static WidgetResponse from(Widget widget) {
        return new WidgetResponse(
                widget.id().value(),
                widget.name().value(),
                widget.status(),
                widget.currentAttachment().map(AttachmentResponse::from).orElse(null),
                widget.createdAt(),
                widget.updatedAt(),
                widget.createdBy().subject(),
                widget.updatedBy().subject(),
                widget.version());
    }
}
