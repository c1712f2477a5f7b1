package dev.keel.domain.common;

import java.util.Optional;
import java.util.UUID;

/** Up to {@code limit} rows after the id {@code after} (exclusive), or from the newest when empty. */
public record PageRequest(Optional<UUID> after, int limit) {

    public static final int MAX_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new RuleViolationException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }
}
