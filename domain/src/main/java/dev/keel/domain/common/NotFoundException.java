package dev.keel.domain.common;

/** The aggregate does not exist, or is archived and the operation needs a live one. */
public final class NotFoundException extends DomainException {

    public NotFoundException(String kind, Object id) {
        super(kind + " " + id + " was not found");
    }
}
