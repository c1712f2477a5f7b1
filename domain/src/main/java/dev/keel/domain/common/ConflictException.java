package dev.keel.domain.common;

/** The change collides with the state of another aggregate, such as a name already taken. */
public final class ConflictException extends DomainException {

    public ConflictException(String message) {
        super(message);
    }
}
