package dev.keel.application.widget.port.in;

import dev.keel.domain.widget.WidgetId;
import java.net.URI;

/** A short-lived URL to a live widget's attachment; NotFoundException when it has none. */
public interface DownloadFileUseCase {

    URI downloadUrl(WidgetId id);
}
