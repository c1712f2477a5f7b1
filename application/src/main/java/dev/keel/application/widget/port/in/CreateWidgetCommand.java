package dev.keel.application.widget.port.in;

import dev.keel.domain.common.Actor;
import dev.keel.domain.widget.WidgetName;
import java.util.Objects;

/** {@code actor} creates a draft widget called {@code name}; the name is checked on construction. */
public record CreateWidgetCommand(WidgetName name, Actor actor) {

    public CreateWidgetCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(actor, "actor");
    }

    public static CreateWidgetCommand of(String name, Actor actor) {
        return new CreateWidgetCommand(new WidgetName(name), actor);
    }
}
