package dev.keel.application.widget.port.in;

import dev.keel.domain.common.Actor;
import dev.keel.domain.widget.Widget;
import dev.keel.domain.widget.WidgetId;

/** {@code actor} brings an archived widget back; ConflictException when a live widget has taken its name meanwhile. */
public interface RestoreWidgetUseCase {

    Widget restore(WidgetId id, Actor actor);
}
