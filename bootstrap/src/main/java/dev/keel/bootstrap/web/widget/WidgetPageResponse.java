package dev.keel.bootstrap.web.widget;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One page of widgets; {@code nextCursor} is absent on the last page. */
@Schema(requiredProperties = {"items", "nextCursor"})
public record WidgetPageResponse(
        List<WidgetResponse> items,

        @Schema(nullable = true, description = "Where the next page starts; null on the last page.") @Nullable
        String nextCursor) {}
