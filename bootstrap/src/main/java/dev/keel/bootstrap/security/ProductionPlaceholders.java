package dev.keel.bootstrap.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * In production (profile {@code prod} or {@code production}) the application refuses to start while a secret or
 * the issuer is still a development placeholder from application.yml, naming each one and the variable that sets it:
 * a fork must not reach production on {@code keel}/{@code keel} by forgetting a variable.
 */
@Component
@Profile({"prod", "production"})
public class ProductionPlaceholders implements InitializingBean {

    /** Each setting and its development value (application.yml's defaults, docker-compose.yml's credentials). */
    static final Map<String, String> PLACEHOLDERS = Map.of(
            "spring.datasource.password", "keel",
            "keel.s3.access-key", "keel",
            "keel.s3.secret-key", "keel-secret-key",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri", "http://localhost:8180/realms/keel");

    private static final Map<String, String> VARIABLES = Map.of(
            "spring.datasource.password", "SPRING_DATASOURCE_PASSWORD",
            "keel.s3.access-key", "KEEL_S3_ACCESS_KEY",
            "keel.s3.secret-key", "KEEL_S3_SECRET_KEY",
            "spring.security.oauth2.resourceserver.jwt.issuer-uri", "KEEL_ISSUER_URI");

    private final Environment environment;

    public ProductionPlaceholders(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> found = placeholdersIn(environment);
        if (!found.isEmpty()) {
            throw new IllegalStateException(
                    "Refusing to start in production with development placeholders:\n  " + String.join("\n  ", found));
        }
    }

    static List<String> placeholdersIn(Environment environment) {
        List<String> found = new ArrayList<>();
        PLACEHOLDERS.keySet().stream().sorted().forEach(setting -> {
            String value = environment.getProperty(setting, "");
            if (value.equals(PLACEHOLDERS.get(setting)) || isDevelopmentIssuer(setting, value)) {
                found.add(setting + " is the development value; set " + VARIABLES.get(setting));
            }
        });
        return found;
    }

    /** make run's issuer, or any other on this machine's loopback: never a production one. */
    private static boolean isDevelopmentIssuer(String setting, String value) {
        return setting.endsWith("issuer-uri")
                && (value.startsWith("http://127.0.0.1") || value.startsWith("http://localhost"));
    }
}
