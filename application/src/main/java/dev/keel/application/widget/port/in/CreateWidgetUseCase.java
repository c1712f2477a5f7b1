package dev.keel.application.widget.port.in;

import dev.keel.domain.widget.Widget;

/** Creates a draft widget. Fails with a ConflictException when a live widget has the name. */
public interface CreateWidgetUseCase {

    Widget create(CreateWidgetCommand command);
}
