package dev.keel.application.widget.port.in;

import dev.keel.domain.common.PageRequest;
import dev.keel.domain.widget.WidgetStatus;
import java.util.Optional;

/** Live widgets, optionally of one status, a keyset page at a time. */
public record ListWidgetsQuery(Optional<WidgetStatus> status, PageRequest page) {}
