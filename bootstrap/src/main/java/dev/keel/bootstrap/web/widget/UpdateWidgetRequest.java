package dev.keel.bootstrap.web.widget;

import dev.keel.domain.widget.WidgetStatus;
import org.jspecify.annotations.Nullable;

/** PATCH /api/widgets/{id}: the fields to change; absent fields stay as they are. */
public record UpdateWidgetRequest(
        @Nullable String name, @Nullable WidgetStatus status) {}
