package dev.keel.application.widget.service;

import dev.keel.application.common.Transactions;
import dev.keel.application.widget.port.in.ArchiveWidgetUseCase;
import dev.keel.application.widget.port.in.CreateWidgetCommand;
import dev.keel.application.widget.port.in.CreateWidgetUseCase;
import dev.keel.application.widget.port.in.GetWidgetUseCase;
import dev.keel.application.widget.port.in.ListWidgetsQuery;
import dev.keel.application.widget.port.in.ListWidgetsUseCase;
import dev.keel.application.widget.port.in.RestoreWidgetUseCase;
import dev.keel.application.widget.port.in.UpdateWidgetCommand;
import dev.keel.application.widget.port.in.UpdateWidgetUseCase;
import dev.keel.domain.common.Actor;
import dev.keel.domain.common.IdGenerator;
import dev.keel.domain.common.KeysetPage;
import dev.keel.domain.common.NotFoundException;
import dev.keel.domain.common.StaleVersionException;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetId;
import dev.keel.domain.widget.WidgetRepository;
import java.time.Clock;

/** The widget use cases. Each public method is one transaction; none knows Spring. */
public final class WidgetService
        implements CreateWidgetUseCase,
                GetWidgetUseCase,
                ListWidgetsUseCase,
                UpdateWidgetUseCase,
                ArchiveWidgetUseCase,
                RestoreWidgetUseCase {

    static final String KIND = "widget";

    private final WidgetRepository widgets;
    private final Transactions transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public WidgetService(WidgetRepository widgets, Transactions transactions, IdGenerator ids, Clock clock) {
        this.widgets = widgets;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Widget create(CreateWidgetCommand command) {
        Widget widget = Widget.create(new WidgetId(ids.newId()), command.name(), clock.instant(), command.actor());
        return transactions.inTransaction(() -> widgets.insert(widget));
    }

    @Override
    public Widget get(WidgetId id) {
        return transactions.readOnly(() -> widgets.findLive(id)).orElseThrow(() -> new NotFoundException(KIND, id));
    }

    @Override
    public KeysetPage<Widget> list(ListWidgetsQuery query) {
        return transactions.readOnly(() -> widgets.listLive(query.status(), query.page()));
    }

    @Override
    public Widget update(UpdateWidgetCommand command) {
        return transactions.inTransaction(() -> {
            Widget current =
                    widgets.findLive(command.id()).orElseThrow(() -> new NotFoundException(KIND, command.id()));
            if (current.version() != command.expectedVersion()) {
                // The caller decided on an old state: say so before judging the change against the new one.
                throw new StaleVersionException(KIND, command.id(), command.expectedVersion(), current.version());
            }
            Widget changed = current.touchedBy(command.actor());
            if (command.name().isPresent()) {
                changed = changed.rename(command.name().get(), command.actor());
            }
            if (command.status().isPresent()) {
                changed = changed.moveTo(command.status().get(), command.actor());
            }
            return widgets.update(changed, command.expectedVersion());
        });
    }

    @Override
    public void archive(WidgetId id, Actor actor) {
        transactions.inTransaction(() -> widgets.archive(id, clock.instant(), actor));
    }

    @Override
    public Widget restore(WidgetId id, Actor actor) {
        return transactions.inTransaction(() -> {
            widgets.restore(id, actor);
            return widgets.findLive(id).orElseThrow(() -> new NotFoundException(KIND, id));
        });
    }
}
