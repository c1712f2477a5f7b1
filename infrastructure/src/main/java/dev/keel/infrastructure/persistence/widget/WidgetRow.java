package dev.keel.infrastructure.persistence.widget;

import java.time.Instant;
import java.util.UUID;

/** One row of the widget table, column for column. */
public record WidgetRow(
        UUID id,
        String name,
        String status,
        String attachmentKey,
        String attachmentContentType,
        Long attachmentSize,
        String attachmentSha256,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant archivedAt,
        String createdBy,
        String updatedBy) {}
