package dev.keel.tools.migrate.flyway;

import java.util.Map;

/** Opens ProductionGuard's test hook to tests in other packages, without reflection. */
public final class ProductionGuardAccess {

    private ProductionGuardAccess() {}

    public static void useEnvironment(Map<String, String> environment) {
        ProductionGuard.useEnvironment(environment);
    }
}
