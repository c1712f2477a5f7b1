package dev.keel.tools.migrate.flyway;

import dev.keel.tools.migration.MigrationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * The production guard: with {@code KEEL_ENV=production} (or the prod profile in
 * {@code SPRING_PROFILES_ACTIVE}), commands that change the schema refuse unless
 * {@code CONFIRM_PRODUCTION_MIGRATION=yes}, and down also wants a backup taken first.
 */
public final class ProductionGuard {

    static final Duration BACKUP_MAX_AGE = Duration.ofHours(24);

    private static Map<String, String> environment = System.getenv();

    private ProductionGuard() {}

    /** For tests: the environment the guard reads. */
    static void useEnvironment(Map<String, String> env) {
        environment = env;
    }

    public static boolean production() {
        String env = environment.getOrDefault("KEEL_ENV", "").toLowerCase(Locale.ROOT);
        String profiles = environment.getOrDefault("SPRING_PROFILES_ACTIVE", "").toLowerCase(Locale.ROOT);
        return env.equals("production")
                || env.equals("prod")
                || java.util.Arrays.stream(profiles.split(","))
                        .map(String::strip)
                        .anyMatch(p -> p.equals("prod") || p.equals("production"));
    }

    /** Refuses {@code command} outright in production, whatever is confirmed: {@code why} says what it would do. */
    public static void refuse(String command, String why) {
        if (production()) {
            throw new MigrationException("Refusing '" + command + "' in production: KEEL_ENV or SPRING_PROFILES_ACTIVE "
                    + "names production, and " + why + ".");
        }
    }

    public static void requireConfirmation(String command) {
        if (production() && !"yes".equals(environment.get("CONFIRM_PRODUCTION_MIGRATION"))) {
            throw new MigrationException("Refusing '" + command + "' on a production database. "
                    + "If you mean it, set CONFIRM_PRODUCTION_MIGRATION=yes.");
        }
    }

    /** In production, down needs KEEL_BACKUP_FILE naming a backup taken within the last day. */
    public static void requireRecentBackup() {
        if (!production()) {
            return;
        }
        String file = environment.get("KEEL_BACKUP_FILE");
        try {
            if (file != null
                    && Files.isRegularFile(Path.of(file))
                    && Files.size(Path.of(file)) > 0
                    && Files.getLastModifiedTime(Path.of(file))
                            .toInstant()
                            .isAfter(Instant.now().minus(BACKUP_MAX_AGE))) {
                return;
            }
        } catch (IOException e) {
            // fall through to the refusal
        }
        throw new MigrationException("Refusing 'down' on a production database without a backup from the last "
                + BACKUP_MAX_AGE.toHours() + " hours: take one, then set KEEL_BACKUP_FILE to it.");
    }
}
