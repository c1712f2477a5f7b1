package dev.keel.tools.migrate.generate;

import dev.keel.tools.migration.MigrationException;
import java.util.List;
import java.util.stream.Collectors;

/** Thrown with every reason at once: each names the object, and the ALLOW= word when one permits it. */
public final class GenerationRefused extends MigrationException {

    private final List<String> reasons;

    GenerationRefused(List<String> reasons) {
        super("Cannot generate this migration from db/schema.sql; nothing was written:\n"
                + reasons.stream().map(reason -> "  - " + reason).collect(Collectors.joining("\n")));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
