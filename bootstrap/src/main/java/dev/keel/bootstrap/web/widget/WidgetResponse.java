package dev.keel.bootstrap.web.widget;

import dev.keel.domain.widget.Attachment;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A widget as the API shows it: {@code createdBy} and {@code updatedBy} are the subjects of the
 * tokens that created it and last changed it. The attachment is described, never linked: see GET
 * .../attachment.
 */
@Schema(
        requiredProperties = {
            "id",
            "name",
            "status",
            "attachment",
            "createdAt",
            "updatedAt",
            "createdBy",
            "updatedBy",
            "version"
        })
public record WidgetResponse(
        UUID id,
        String name,
        WidgetStatus status,

        @Schema(nullable = true, description = "The attached file; null when there is none.") @Nullable
        AttachmentResponse attachment,

        Instant createdAt,
        Instant updatedAt,

        @Schema(description = "The subject of the token that created it.")
        String createdBy,

        @Schema(description = "The subject of the token that last changed it.")
        String updatedBy,

        @Schema(description = "Moves on every change; the ETag names it.")
        long version) {

    /** What the API says about an attached file. */
    // Nullable here, as the one property that refers to it is: OpenAPI 3.0 ignores what sits beside a $ref.
    @Schema(
            nullable = true,
            description = "A widget's file; null on a widget without one.",
            requiredProperties = {"contentType", "size", "sha256"})
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
