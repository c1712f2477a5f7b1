package dev.keel.domain.common;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One page of a list ordered by id, newest first. {@code next} is the last id on the page when
 * more rows may follow; the next page starts strictly after it, so no row is skipped or repeated
 * when rows are inserted meanwhile.
 */
public record KeysetPage<T>(List<T> items, Optional<UUID> next) {

    public KeysetPage {
        items = List.copyOf(items);
    }
}
