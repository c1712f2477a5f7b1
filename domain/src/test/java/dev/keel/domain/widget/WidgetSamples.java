package dev.keel.domain.widget;

import dev.keel.domain.common.Actor;
import java.time.Instant;
import java.util.UUID;

/**
 * Widgets for tests, as make new-aggregate writes for every aggregate: the tests of aggregates that
 * refer to widgets use them. Names are unique, since live widgets' names are.
 */
public final class WidgetSamples {

    private WidgetSamples() {}

    /** A new draft widget with a name no other has. */
    public static Widget sample(WidgetId id, Instant now, Actor by) {
        return Widget.create(id, new WidgetName("Sample widget " + UUID.randomUUID()), now, by);
    }

    /** {@code widget} renamed by {@code by}. */
    public static Widget changed(Widget widget, Actor by) {
        return widget.rename(new WidgetName("Changed widget " + UUID.randomUUID()), by);
    }
}
