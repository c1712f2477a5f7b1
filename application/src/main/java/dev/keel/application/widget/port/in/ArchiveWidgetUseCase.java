package dev.keel.application.widget.port.in;

import dev.keel.domain.common.Actor;
import dev.keel.domain.widget.WidgetId;

/** {@code actor} archives a widget (soft delete). Archiving an archived widget changes nothing. */
public interface ArchiveWidgetUseCase {

    void archive(WidgetId id, Actor actor);
}
