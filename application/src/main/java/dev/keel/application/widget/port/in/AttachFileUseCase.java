package dev.keel.application.widget.port.in;

import dev.keel.domain.widget.Widget;

/** Stores a file for a live widget and records its key, type, size and checksum. */
public interface AttachFileUseCase {

    Widget attach(AttachFileCommand command);
}
