package dev.keel.application.widget.port.in;

import dev.keel.domain.common.KeysetPage;
import dev.keel.domain.widget.Widget;

/** Lists live widgets, newest first. */
public interface ListWidgetsUseCase {

    KeysetPage<Widget> list(ListWidgetsQuery query);
}
