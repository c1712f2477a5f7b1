package dev.keel.domain.widget;

import java.util.Objects;
import java.util.UUID;

/** A widget's identity: a UUIDv7 assigned before insert. */
public record WidgetId(UUID value) {

    public WidgetId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
