package dev.keel.bootstrap.fuzz;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The ONE allowlist: a defect the fuzz test finds that is being fixed, with the issue that fixes it. A violation an
 * entry explains is reported but does not fail the build; when the fix merges, delete the entry (the run's summary
 * names every entry it did not meet). Empty: every class issue 16 and this test found is fixed.
 */
enum KnownDefect {
    ;

    private final String description;
    private final Predicate<Violation> matches;

    KnownDefect(String description, Predicate<Violation> matches) {
        this.description = description;
        this.matches = matches;
    }

    String description() {
        return description;
    }

    static Optional<KnownDefect> explaining(Violation violation) {
        return Arrays.stream(values()).filter(k -> k.matches.test(violation)).findFirst();
    }
}
