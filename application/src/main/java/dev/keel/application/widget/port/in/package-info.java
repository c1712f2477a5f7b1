/** Inbound ports: what the outside world may ask of widgets, as use cases with their commands. */
package dev.keel.application.widget.port.in;
