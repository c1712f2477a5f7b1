package dev.keel.bootstrap.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
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
