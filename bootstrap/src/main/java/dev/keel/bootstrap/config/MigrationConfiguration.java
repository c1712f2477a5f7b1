package dev.keel.bootstrap.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;

/**
 * Flyway as db/flyway.properties (in the migrations module) defines it: the one definition that
 * make run at start, the migrate mode of the deploy job and keel-migrate all apply, so a migration
 * reaches the history table the same way by every route. It is applied last, over Spring Boot's
 * spring.flyway.* settings, which therefore set only whether Flyway runs at start.
 *
 * <p>Both routes of the application migrate as keel-migrate does: Keel's own migrations (version at
 * midnight, {@code yyyyMMdd000000}, name starting {@code keel_}), which a template update may bring
 * dated before migrations a database has applied, are applied even then; a team's migration dated
 * so is refused by Flyway, as always (docs/migrations.md, "Keel's migrations and yours").
 */
@Configuration(proxyBeanMethods = false)
public class MigrationConfiguration {

    /** Where the migrations module puts the definition on the classpath. */
    public static final String DEFINITION = "db/flyway.properties";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    FlywayConfigurationCustomizer flywayDefinition() {
        Map<String, String> definition = definition();
        return configuration -> configuration.configuration(definition);
    }

    /** Every start and the migrate mode apply pending migrations this way. */
    @Bean
    FlywayMigrationStrategy keelMigrationsInAnyOrder() {
        return MigrationConfiguration::migrate;
    }

    /** Keel's own migrations as a script names them; keel-migrate's KeelRange says the same. */
    private static final Pattern KEELS = Pattern.compile("V\\d{8}000000__keel_[a-z0-9_]*\\.sql");

    /**
     * Applies what is pending. When some pending migrations sort before the newest applied one (Flyway ignores them
     * unless out of order is allowed) and every one of them is Keel's own, out of order is allowed for this run;
     * otherwise Flyway runs as configured and refuses a team's migration older than the newest applied one.
     */
    public static MigrateResult migrate(Flyway flyway) {
        try {
            // One pass over the files and the history when nothing is behind, as on nearly every start: Flyway
            // validates before it applies anything, and refuses migrations behind the newest applied one.
            return flyway.migrate();
        } catch (FlywayValidateException refused) {
            if (!keelsOnlyBehind(flyway.info())) {
                throw refused;
            }
        }
        return Flyway.configure(flyway.getConfiguration().getClassLoader())
                .configuration(flyway.getConfiguration())
                .outOfOrder(true)
                .load()
                .migrate();
    }

    /** Whether the script (such as {@code V20261122000000__keel_conventions.sql}) is one of Keel's own migrations. */
    public static boolean keels(String script) {
        return KEELS.matcher(script.substring(Math.max(script.lastIndexOf('/'), script.lastIndexOf('\\')) + 1))
                .matches();
    }

    private static boolean keelsOnlyBehind(MigrationInfoService info) {
        boolean any = false;
        for (MigrationInfo migration : info.all()) {
            if (migration.getState() == MigrationState.IGNORED) {
                if (migration.getVersion() == null || !keels(migration.getScript())) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /** The definition's settings, in Flyway's own keys. */
    public static Map<String, String> definition() {
        ClassPathResource resource = new ClassPathResource(DEFINITION);
        if (!resource.exists()) {
            throw new IllegalStateException(DEFINITION + " is not on the classpath: the migrations module holds it "
                    + "(migrations/src/main/resources/" + DEFINITION + "), and the application depends on that module");
        }
        Properties properties = new Properties();
        try (InputStream in = resource.getInputStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DEFINITION + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new TreeMap<>();
        properties
                .stringPropertyNames()
                .forEach(key -> settings.put(key, properties.getProperty(key).strip()));
        return settings;
    }
}
