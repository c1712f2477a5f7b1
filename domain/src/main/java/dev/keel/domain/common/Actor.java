package dev.keel.domain.common;

/**
 * Who makes a change, as the aggregates record it (created_by, updated_by): the authenticated
 * subject of a request, or {@link #system()} for jobs and seeds. The domain never sees how the
 * subject was proved.
 */
public record Actor(String subject) {

    /** What the created_by and updated_by columns hold at most, in characters. */
    public static final int MAX_LENGTH = 255;

    private static final Actor SYSTEM = new Actor("system");

    public Actor {
        if (subject == null || subject.isBlank()) {
            throw new RuleViolationException("actor", "must not be blank");
        }
        if (subject.codePointCount(0, subject.length()) > MAX_LENGTH) {
            throw new RuleViolationException("actor", "must be at most " + MAX_LENGTH + " characters");
        }
        if (subject.codePoints().anyMatch(Character::isISOControl)) {
            throw new RuleViolationException("actor", "must not contain control characters");
        }
    }

    /** The application itself: scheduled jobs, seeds, backfills. */
    public static Actor system() {
        return SYSTEM;
    }

    @Override
    public String toString() {
        return subject;
    }
}
