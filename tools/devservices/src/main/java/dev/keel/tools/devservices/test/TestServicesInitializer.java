package dev.keel.tools.devservices.test;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.S3Endpoint;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the application at the test JVM's PostgreSQL 17 and S3 server (Docker or embedded). */
public class TestServicesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        PostgresEndpoint postgres = TestServices.postgres();
        S3Endpoint s3 = TestServices.s3();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "keel-test-services",
                        Map.of(
                                "spring.datasource.url", postgres.jdbcUrl(),
                                "spring.datasource.username", postgres.username(),
                                "spring.datasource.password", postgres.password(),
                                "keel.s3.endpoint", s3.endpoint().toString(),
                                "keel.s3.region", s3.region(),
                                "keel.s3.bucket", s3.bucket(),
                                "keel.s3.access-key", s3.accessKey(),
                                "keel.s3.secret-key", s3.secretKey(),
                                "keel.s3.path-style-access", "true")));
    }
}
