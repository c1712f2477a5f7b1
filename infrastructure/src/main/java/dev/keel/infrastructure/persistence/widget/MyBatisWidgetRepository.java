package dev.keel.infrastructure.persistence.widget;

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
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;

/**
 * {@link WidgetRepository} on PostgreSQL through MyBatis. Every read filters archived rows with
 * the mapper's shared fragment; archive and restore are guarded UPDATEs whose row count says
 * what happened; nothing here deletes.
 */
public final class MyBatisWidgetRepository implements WidgetRepository {

    private static final String KIND = "widget";

    private final WidgetMapper mapper;
    private final WidgetConverter converter;

    public MyBatisWidgetRepository(WidgetMapper mapper, WidgetConverter converter) {
        this.mapper = mapper;
        this.converter = converter;
    }

    @Override
    public Optional<Widget> findLive(WidgetId id) {
        return Optional.ofNullable(mapper.findLive(id.value())).map(converter::toWidget);
    }

    @Override
    public Optional<Widget> findIncludingArchived(WidgetId id) {
        return Optional.ofNullable(mapper.findIncludingArchived(id.value())).map(converter::toWidget);
    }

    @Override
    public KeysetPage<Widget> listLive(Optional<WidgetStatus> status, PageRequest page) {
        // One row more than asked tells whether another page follows.
        List<WidgetRow> rows = mapper.listLive(
                status.map(Enum::name).orElse(null), page.after().orElse(null), page.limit() + 1);
        boolean more = rows.size() > page.limit();
        List<Widget> items =
                rows.stream().limit(page.limit()).map(converter::toWidget).toList();
        return new KeysetPage<>(items, more ? Optional.of(items.getLast().id().value()) : Optional.empty());
    }

    @Override
    public Widget insert(Widget widget) {
        WidgetRow row = converter.toRow(widget);
        uniqueName(widget, () -> mapper.insert(row));
        return findLive(widget.id()).orElseThrow();
    }

    @Override
    public Widget update(Widget widget, long expectedVersion) {
        WidgetRow stored = uniqueName(widget, () -> mapper.update(converter.toRow(widget), expectedVersion));
        if (stored != null) {
            return converter.toWidget(stored);
        }
        Widget current = findLive(widget.id()).orElseThrow(() -> new NotFoundException(KIND, widget.id()));
        throw new StaleVersionException(KIND, widget.id(), expectedVersion, current.version());
    }

    @Override
    public boolean archive(WidgetId id, Instant at, Actor by) {
        if (mapper.archive(id.value(), at, by.subject()) == 1) {
            return true;
        }
        requireExists(id);
        return false;
    }

    @Override
    public boolean restore(WidgetId id, Actor by) {
        Widget archived = findIncludingArchived(id).orElseThrow(() -> new NotFoundException(KIND, id));
        return uniqueName(archived, () -> mapper.restore(id.value(), by.subject())) == 1;
    }

    private void requireExists(WidgetId id) {
        if (mapper.findIncludingArchived(id.value()) == null) {
            throw new NotFoundException(KIND, id);
        }
    }

    /** Runs a write, turning the live-name unique index's violation into the domain's conflict. */
    private static <T> T uniqueName(Widget widget, Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            if (e.getMessage() != null && e.getMessage().contains("widget_name_live_key")) {
                throw new ConflictException("a live widget is already named '" + widget.name() + "'");
            }
            throw e;
        }
    }
}
