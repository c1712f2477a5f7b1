package dev.keel.application.widget.service;

import dev.keel.domain.common.Actor;
import dev.keel.domain.common.ConflictException;
import dev.keel.domain.common.KeysetPage;
import dev.keel.domain.common.NotFoundException;
import dev.keel.domain.common.PageRequest;
import dev.keel.domain.common.StaleVersionException;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetId;
import dev.keel.domain.widget.WidgetRepository;
import dev.keel.domain.widget.WidgetStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The repository port's rules kept in a map, for fast service tests; the adapter's contract test runs on it too. */
final class InMemoryWidgetRepository implements WidgetRepository {

    private static final Comparator<UUID> NEWEST_FIRST = ((Comparator<UUID>) (a, b) -> {
                int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
                return high != 0
                        ? high
                        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
            })
            .reversed();

    private final Map<WidgetId, Widget> rows = new LinkedHashMap<>();

    @Override
    public Optional<Widget> findLive(WidgetId id) {
        return findIncludingArchived(id).filter(widget -> !widget.isArchived());
    }

    @Override
    public Optional<Widget> findIncludingArchived(WidgetId id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public KeysetPage<Widget> listLive(Optional<WidgetStatus> status, PageRequest page) {
        List<Widget> matching = rows.values().stream()
                .filter(widget -> !widget.isArchived())
                .filter(widget -> status.map(s -> s == widget.status()).orElse(true))
                .filter(widget -> page.after()
                        .map(after -> NEWEST_FIRST.compare(widget.id().value(), after) > 0)
                        .orElse(true))
                .sorted(Comparator.comparing(widget -> widget.id().value(), NEWEST_FIRST))
                .limit(page.limit() + 1L)
                .toList();
        boolean more = matching.size() > page.limit();
        List<Widget> items = more ? matching.subList(0, page.limit()) : matching;
        return new KeysetPage<>(items, more ? Optional.of(items.getLast().id().value()) : Optional.empty());
    }

    @Override
    public Widget insert(Widget widget) {
        requireNameFree(widget);
        rows.put(widget.id(), widget);
        return widget;
    }

    @Override
    public Widget update(Widget widget, long expectedVersion) {
        Widget stored = findLive(widget.id()).orElseThrow(() -> new NotFoundException("widget", widget.id()));
        if (stored.version() != expectedVersion) {
            throw new StaleVersionException("widget", widget.id(), expectedVersion, stored.version());
        }
        requireNameFree(widget);
        Widget updated = new Widget(
                widget.id(),
                widget.name(),
                widget.status(),
                widget.attachment(),
                stored.createdAt(),
                Instant.now(),
                stored.createdBy(),
                widget.updatedBy(),
                null,
                stored.version() + 1);
        rows.put(widget.id(), updated);
        return updated;
    }

    @Override
    public boolean archive(WidgetId id, Instant at, Actor by) {
        Widget stored = findIncludingArchived(id).orElseThrow(() -> new NotFoundException("widget", id));
        if (stored.isArchived()) {
            return false;
        }
        rows.put(
                id,
                new Widget(
                        id,
                        stored.name(),
                        stored.status(),
                        stored.attachment(),
                        stored.createdAt(),
                        at,
                        stored.createdBy(),
                        by,
                        at,
                        stored.version() + 1));
        return true;
    }

    @Override
    public boolean restore(WidgetId id, Actor by) {
        Widget stored = findIncludingArchived(id).orElseThrow(() -> new NotFoundException("widget", id));
        if (!stored.isArchived()) {
            return false;
        }
        Widget restored = new Widget(
                id,
                stored.name(),
                stored.status(),
                stored.attachment(),
                stored.createdAt(),
                Instant.now(),
                stored.createdBy(),
                by,
                null,
                stored.version() + 1);
        requireNameFree(restored);
        rows.put(id, restored);
        return true;
    }

    private void requireNameFree(Widget widget) {
        boolean taken = rows.values().stream()
                .anyMatch(other -> !other.isArchived()
                        && !other.id().equals(widget.id())
                        && other.name().equals(widget.name()));
        if (taken) {
            throw new ConflictException("a live widget is already named '" + widget.name() + "'");
        }
    }
}
