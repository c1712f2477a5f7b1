/** Inbound ports: what the outside world may ask of widgets, as use cases with their commands. */
@NullMarked
package dev.keel.application.widget.port.in;

import org.jspecify.annotations.NullMarked;
