package dev.keel.domain.widget;

import dev.keel.domain.common.KeysetPage;
import dev.keel.domain.common.PageRequest;
import dev.keel.domain.common.SoftDeletableRepository;
import java.util.Optional;

/**
 * Outbound port for widgets. {@link #insert} and {@link #update} throw
 * {@link dev.keel.domain.common.ConflictException} when the name is taken by a live widget.
 */
public interface WidgetRepository extends SoftDeletableRepository<Widget, WidgetId> {

    /** Live widgets, newest first, optionally only those in {@code status}. */
    KeysetPage<Widget> listLive(Optional<WidgetStatus> status, PageRequest page);

    @Override
    default KeysetPage<Widget> listLive(PageRequest page) {
        return listLive(Optional.empty(), page);
    }
}
