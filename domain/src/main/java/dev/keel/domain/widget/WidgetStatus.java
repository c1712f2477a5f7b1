package dev.keel.domain.widget;

import java.util.Set;

/** Where a widget is in its life: drafted, in use, or retired for good. */
public enum WidgetStatus {
    DRAFT,
    ACTIVE,
    RETIRED;

    /** Whether a widget in this status may move to {@code next}; staying put is always allowed. */
    public boolean canBecome(WidgetStatus next) {
        return this == next
                || switch (this) {
                    case DRAFT -> Set.of(ACTIVE, RETIRED).contains(next);
                    case ACTIVE -> next == RETIRED;
                    case RETIRED -> false;
                };
    }
}
