package dev.keel.application.widget.port.in;

import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetId;

/** A live widget; archived ones are not found. */
public interface GetWidgetUseCase {

    Widget get(WidgetId id);
}
