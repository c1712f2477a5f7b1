package dev.keel.domain.widget;

import dev.keel.domain.common.RuleViolationException;

/** A widget's name: 1 to 200 characters, no leading or trailing blanks, no control characters. */
public record WidgetName(String value) {

    public static final int MAX_LENGTH = 200;

    public WidgetName {
        if (value == null || value.isBlank()) {
            throw new RuleViolationException("name", "must not be blank");
        }
        if (!value.equals(value.strip())) {
            throw new RuleViolationException("name", "must not start or end with blanks");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new RuleViolationException("name", "must be at most " + MAX_LENGTH + " characters");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new RuleViolationException("name", "must not contain control characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
