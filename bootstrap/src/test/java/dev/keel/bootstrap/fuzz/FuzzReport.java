package dev.keel.bootstrap.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every violation of a run, sorted into known defects and the rest, and told as a reader needs it. */
final class FuzzReport {

    private final FuzzSettings settings;
    private final List<Violation> violations = Collections.synchronizedList(new ArrayList<>());

    FuzzReport(FuzzSettings settings) {
        this.settings = settings;
    }

    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    /** A line for the summary: what ran beyond the generated requests. */
    void note(String line) {
        notes.add(line);
    }

    void add(Violation violation) {
        violations.add(violation);
    }

    List<Violation> unexplained() {
        return violations.stream()
                .filter(v -> KnownDefect.explaining(v).isEmpty())
                .toList();
    }

    /** One line per class of violation (known or not), then the known defects this run did not meet. */
    String summary(int requests, long millis) {
        StringBuilder text = new StringBuilder("API fuzz: seed " + settings.seed() + ", " + settings.requests()
                + " generated requests, " + requests + " sent in all, " + millis + " ms\n");
        notes.forEach(note -> text.append("  ").append(note).append('\n'));
        Set<KnownDefect> seen = EnumSet.noneOf(KnownDefect.class);
        classes(violations).forEach((signature, members) -> {
            KnownDefect.explaining(members.getFirst()).ifPresent(seen::add);
            RawRequest example = members.getFirst().request();
            text.append(String.format("  %4d × %s%n", members.size(), signature))
                    .append("         e.g. ")
                    .append(Printable.of(example.label(), 60))
                    .append(" → ")
                    .append(Printable.of(example.method() + " " + example.target(), 100))
                    .append('\n');
        });
        for (KnownDefect defect : KnownDefect.values()) {
            if (!seen.contains(defect)) {
                text.append("  known defect not met in this run (fixed? then delete it from KnownDefect): ")
                        .append(defect.name())
                        .append('\n');
            }
        }
        return text.toString();
    }

    /** The first example of each class nothing explains, with the seed to replay it. */
    String failureMessage() {
        StringBuilder text = new StringBuilder("The API broke its invariants under fuzzing (seed " + settings.seed()
                + "; " + settings.replayHint() + ").\n");
        classes(unexplained()).forEach((signature, members) -> text.append("\n=== ")
                .append(members.size())
                .append(" × ")
                .append(signature)
                .append('\n')
                .append(members.getFirst().describe()));
        return text.toString();
    }

    private static Map<String, List<Violation>> classes(List<Violation> violations) {
        Map<String, List<Violation>> classes = new LinkedHashMap<>();
        synchronized (violations) {
            for (Violation violation : violations) {
                String known = KnownDefect.explaining(violation).map(Enum::name).orElse("NEW");
                classes.computeIfAbsent(violation.signature() + " | " + known, s -> new ArrayList<>())
                        .add(violation);
            }
        }
        return classes;
    }
}
