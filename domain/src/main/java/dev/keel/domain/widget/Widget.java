package dev.keel.domain.widget;

import dev.keel.domain.common.Actor;
import dev.keel.domain.common.RuleViolationException;
import dev.keel.domain.storage.StorageKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The example aggregate. Immutable: every change returns a new widget, made by an actor who
 * becomes {@code updatedBy} ({@code createdBy} is set once). {@code updatedAt} and {@code version}
 * are what the database last stored; the repository refreshes them on write.
 */
public record Widget(
        WidgetId id,
        WidgetName name,
        WidgetStatus status,
        @Nullable Attachment attachment,
        Instant createdAt,
        Instant updatedAt,
        Actor createdBy,
        Actor updatedBy,
        @Nullable Instant archivedAt,
        long version) {

    public Widget {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }

    /** A new draft widget, created at {@code now} by {@code by}. */
    public static Widget create(WidgetId id, WidgetName name, Instant now, Actor by) {
        return new Widget(id, name, WidgetStatus.DRAFT, null, now, now, by, by, null, 0);
    }

    /**
     * Where an upload of this widget's attachment is stored: derived from the immutable id, plus
     * the upload's own id, so a new upload never overwrites the file the database still describes.
     */
    public StorageKey attachmentKey(UUID uploadId) {
        return StorageKey.of("widgets", id.toString(), "attachments", uploadId.toString());
    }

    public Widget rename(WidgetName newName, Actor by) {
        return new Widget(id, newName, status, attachment, createdAt, updatedAt, createdBy, by, archivedAt, version);
    }

    public Widget moveTo(WidgetStatus next, Actor by) {
        if (!status.canBecome(next)) {
            throw new RuleViolationException("status", "cannot change from " + status + " to " + next);
        }
        return new Widget(id, name, next, attachment, createdAt, updatedAt, createdBy, by, archivedAt, version);
    }

    public Widget attach(Attachment file, Actor by) {
        if (!file.key().value().startsWith("widgets/" + id + "/attachments/")) {
            throw new RuleViolationException("attachment", "must be stored under widgets/" + id + "/attachments/");
        }
        return new Widget(id, name, status, file, createdAt, updatedAt, createdBy, by, archivedAt, version);
    }

    /**
     * Unchanged but for who changed it last: a write that changes nothing else (an empty update)
     * still moves {@code updatedAt} and {@code version}, so it names its writer too.
     */
    public Widget touchedBy(Actor by) {
        return new Widget(id, name, status, attachment, createdAt, updatedAt, createdBy, by, archivedAt, version);
    }

    public Optional<Attachment> currentAttachment() {
        return Optional.ofNullable(attachment);
    }

    public boolean isArchived() {
        return archivedAt != null;
    }
}
