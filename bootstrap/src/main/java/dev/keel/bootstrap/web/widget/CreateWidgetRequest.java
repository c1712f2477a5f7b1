package dev.keel.bootstrap.web.widget;

import jakarta.validation.constraints.NotNull;

/** POST /api/widgets. The name's rules (length, blanks) are the domain's and answer 422. */
public record CreateWidgetRequest(@NotNull String name) {}
