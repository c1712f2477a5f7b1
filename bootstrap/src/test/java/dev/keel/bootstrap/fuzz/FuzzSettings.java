package dev.keel.bootstrap.fuzz;

import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * How much to fuzz and from which seed. The defaults are fixed, so CI runs the same requests
 * every time; {@code -Dkeel.fuzz.seed=<n>|random} and {@code -Dkeel.fuzz.requests=<n>} (or
 * {@code KEEL_FUZZ_SEED}, {@code KEEL_FUZZ_REQUESTS}) replay a failure or run longer.
 */
record FuzzSettings(long seed, int requests) {

    static final long DEFAULT_SEED = 16_2026L;
    static final int DEFAULT_REQUESTS = 2_000;

    static FuzzSettings fromEnvironment() {
        String seed = setting("keel.fuzz.seed", "KEEL_FUZZ_SEED");
        String requests = setting("keel.fuzz.requests", "KEEL_FUZZ_REQUESTS");
        return new FuzzSettings(
                seed == null
                        ? DEFAULT_SEED
                        : "random".equals(seed) ? ThreadLocalRandom.current().nextLong() : Long.parseLong(seed),
                requests == null ? DEFAULT_REQUESTS : Integer.parseInt(requests));
    }

    String replayHint() {
        return "replay with: ./mvnw -B -ntp test -pl tools/devservices,bootstrap -am -Dtest=ApiFuzzTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -Dkeel.fuzz.seed=" + seed + " -Dkeel.fuzz.requests="
                + requests;
    }

    private static @Nullable String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
