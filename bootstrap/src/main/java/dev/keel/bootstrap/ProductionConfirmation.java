package dev.keel.bootstrap;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The deploy job's guard: in production ({@code KEEL_ENV=production} or a prod profile in
 * {@code SPRING_PROFILES_ACTIVE}) a migration runs only with {@code CONFIRM_PRODUCTION_MIGRATION=yes},
 * the same words keel-migrate's own guard uses, so a job cannot migrate production by accident.
 */
record ProductionConfirmation(Map<String, String> environment) {

    static ProductionConfirmation fromEnvironment() {
        return new ProductionConfirmation(System.getenv());
    }

    boolean production() {
        String env = environment.getOrDefault("KEEL_ENV", "").toLowerCase(Locale.ROOT);
        String profiles = environment.getOrDefault("SPRING_PROFILES_ACTIVE", "").toLowerCase(Locale.ROOT);
        return env.equals("production")
                || env.equals("prod")
                || Arrays.stream(profiles.split(","))
                        .map(String::strip)
                        .anyMatch(profile -> profile.equals("prod") || profile.equals("production"));
    }

    /** Why {@code command} must not run, when it must not. */
    Optional<String> refusal(String command) {
        if (production() && !"yes".equals(environment.get("CONFIRM_PRODUCTION_MIGRATION"))) {
            return Optional.of("Refusing '" + command + "' on a production database. "
                    + "If you mean it, set CONFIRM_PRODUCTION_MIGRATION=yes.");
        }
        return Optional.empty();
    }
}
