package dev.keel.application.widget.port.in;

import dev.keel.domain.widget.WidgetId;

/** Archives a widget (soft delete). Archiving an archived widget changes nothing. */
public interface ArchiveWidgetUseCase {

    void archive(WidgetId id);
}
