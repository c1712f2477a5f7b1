package dev.keel.application.widget.service;

import dev.keel.domain.widget.WidgetRepository;
import dev.keel.domain.widget.WidgetRepositoryContract;

/** The fake the service tests run on keeps the port's contract, as the MyBatis adapter does. */
class InMemoryWidgetRepositoryTest extends WidgetRepositoryContract {

    private final InMemoryWidgetRepository widgets = new InMemoryWidgetRepository();

    @Override
    protected WidgetRepository repository() {
        return widgets;
    }
}
