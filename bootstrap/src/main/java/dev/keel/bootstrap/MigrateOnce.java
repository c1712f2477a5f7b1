package dev.keel.bootstrap;

import java.util.Arrays;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar keel-app.jar migrate}: the deploy job's one-shot mode. The same artifact and
 * configuration as the application, no web server: apply pending migrations, say where the
 * schema is, exit 0; on any failure exit 1. Concurrent runs are safe: Flyway's lock lets one
 * apply and the others find nothing left to do.
 */
final class MigrateOnce {

    private static final Logger LOG = LoggerFactory.getLogger(MigrateOnce.class);

    private MigrateOnce() {}

    static int run(String... args) {
        return run(ProductionConfirmation.fromEnvironment(), args);
    }

    static int run(ProductionConfirmation confirmation, String... args) {
        var refusal = confirmation.refusal("migrate");
        if (refusal.isPresent()) {
            LOG.error(refusal.get());
            return 1;
        }
        // As arguments, not defaults: they must win over application.yml, where production turns Flyway off.
        String[] withFlyway = Stream.concat(
                        Stream.of("--spring.flyway.enabled=true", "--spring.main.banner-mode=off"), Arrays.stream(args))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(KeelApplication.class)
                .web(WebApplicationType.NONE)
                .run(withFlyway)) {
            MigrationInfo current = context.getBean(Flyway.class).info().current();
            LOG.info(
                    "Migrations applied; the schema is at version {}",
                    current == null ? "(empty)" : current.getVersion());
            return 0;
        } catch (RuntimeException e) {
            // Flyway's own message names the file, line and statement; below it is only the driver's.
            Throwable reported = e;
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                reported = cause;
                if (cause instanceof org.flywaydb.core.api.FlywayException) {
                    break;
                }
            }
            LOG.error("Migration failed: {}", reported.getMessage());
            return 1;
        }
    }
}
