package dev.keel.application.widget.port.in;

import dev.keel.domain.common.Actor;
import dev.keel.domain.widget.WidgetId;
import dev.keel.domain.widget.WidgetName;
import dev.keel.domain.widget.WidgetStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code actor} changes a widget's name, status or both, based on the version the caller last
 * saw: when the widget has changed since, nothing is written.
 */
public record UpdateWidgetCommand(
        WidgetId id, long expectedVersion, Optional<WidgetName> name, Optional<WidgetStatus> status, Actor actor) {

    public UpdateWidgetCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actor, "actor");
    }
}
