package dev.keel.bootstrap.web.widget;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of widgets; {@code nextCursor} is absent on the last page. */
public record WidgetPageResponse(
        List<WidgetResponse> items, @Nullable String nextCursor) {}
