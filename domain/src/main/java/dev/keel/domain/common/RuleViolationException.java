package dev.keel.domain.common;

/** A value or a transition the domain does not allow; {@code field} names what is wrong. */
public final class RuleViolationException extends DomainException {

    private final String field;

    public RuleViolationException(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
