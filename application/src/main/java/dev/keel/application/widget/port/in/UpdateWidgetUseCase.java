package dev.keel.application.widget.port.in;

import dev.keel.domain.widget.Widget;

/** Applies an update to a live widget; StaleVersionException when the expected version is not current. */
public interface UpdateWidgetUseCase {

    Widget update(UpdateWidgetCommand command);
}
