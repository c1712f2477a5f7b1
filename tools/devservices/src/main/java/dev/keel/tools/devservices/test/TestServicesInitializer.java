package dev.keel.tools.devservices.test;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.S3Endpoint;
import dev.keel.tools.devservices.issuer.IssuerEndpoint;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the application at the test JVM's PostgreSQL 17, S3 server (Docker or embedded) and token issuer. */
public class TestServicesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        // The application needs both: S3Proxy's JVM starts while PostgreSQL does.
        CompletableFuture<S3Endpoint> startingS3 = CompletableFuture.supplyAsync(TestServices::s3);
        PostgresEndpoint postgres = TestServices.postgres();
        S3Endpoint s3 = joined(startingS3);
        IssuerEndpoint issuer = TestServices.issuer().endpoint();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "keel-test-services",
                        Map.ofEntries(
                                Map.entry("spring.datasource.url", postgres.jdbcUrl()),
                                Map.entry("spring.datasource.username", postgres.username()),
                                Map.entry("spring.datasource.password", postgres.password()),
                                Map.entry("keel.s3.endpoint", s3.endpoint().toString()),
                                Map.entry("keel.s3.region", s3.region()),
                                Map.entry("keel.s3.bucket", s3.bucket()),
                                Map.entry("keel.s3.access-key", s3.accessKey()),
                                Map.entry("keel.s3.secret-key", s3.secretKey()),
                                Map.entry("keel.s3.path-style-access", "true"),
                                Map.entry(
                                        "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                                        issuer.issuer().toString()),
                                Map.entry("spring.security.oauth2.resourceserver.jwt.audiences", issuer.audience()))));
    }

    private static S3Endpoint joined(CompletableFuture<S3Endpoint> starting) {
        try {
            return starting.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
