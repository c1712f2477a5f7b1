package dev.keel.domain.widget;

import dev.keel.domain.common.RuleViolationException;
import dev.keel.domain.storage.StorageKey;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file attached to a widget, described by what the database keeps: where it is stored (a key,
 * never a URL), its type, its size in bytes and its SHA-256 checksum (lower-case hex).
 */
public record Attachment(StorageKey key, String contentType, long size, String sha256) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    public Attachment {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contentType, "contentType");
        if (size < 0) {
            throw new RuleViolationException("size", "must not be negative");
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new RuleViolationException("sha256", "must be 64 lower-case hex digits");
        }
    }
}
