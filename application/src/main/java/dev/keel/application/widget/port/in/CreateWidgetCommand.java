package dev.keel.application.widget.port.in;

import dev.keel.domain.widget.WidgetName;

/** Create a draft widget called {@code name}; the name is checked on construction. */
public record CreateWidgetCommand(WidgetName name) {

    public static CreateWidgetCommand of(String name) {
        return new CreateWidgetCommand(new WidgetName(name));
    }
}
