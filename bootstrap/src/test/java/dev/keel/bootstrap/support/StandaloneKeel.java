package dev.keel.bootstrap.support;

import dev.keel.bootstrap.KeelApplication;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.S3Endpoint;
import dev.keel.tools.devservices.issuer.IssuerEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started by a test on settings of its own (a server it may stop, an issuer that is down, JSON logs),
 * never the shared context: on a random port with the {@code local} profile, as {@code make run} has it, pointed at
 * {@code postgres}, {@code s3} and the test JVM's issuer unless {@code overrides} say otherwise.
 */
public final class StandaloneKeel {

    private StandaloneKeel() {}

    public static ConfigurableApplicationContext start(
            PostgresEndpoint postgres, S3Endpoint s3, Map<String, String> overrides) {
        return start(postgres, s3, overrides, new Class<?>[0]);
    }

    /** The same, with the test's own components ({@code extraSources}) beside the application's. */
    public static ConfigurableApplicationContext start(
            PostgresEndpoint postgres, S3Endpoint s3, Map<String, String> overrides, Class<?>... extraSources) {
        IssuerEndpoint issuer = TestServices.issuer().endpoint();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("spring.datasource.url", postgres.jdbcUrl());
        all.put("spring.datasource.username", postgres.username());
        all.put("spring.datasource.password", postgres.password());
        all.put("keel.s3.endpoint", s3.endpoint().toString());
        all.put("keel.s3.region", s3.region());
        all.put("keel.s3.bucket", s3.bucket());
        all.put("keel.s3.access-key", s3.accessKey());
        all.put("keel.s3.secret-key", s3.secretKey());
        all.put("keel.s3.path-style-access", "true");
        all.put(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                issuer.issuer().toString());
        all.put("spring.security.oauth2.resourceserver.jwt.audiences", issuer.audience());
        all.putAll(overrides);
        // Command-line arguments outrank application.yml, as a deployment's environment does.
        List<String> arguments = new ArrayList<>();
        all.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(KeelApplication.class)
                .sources(extraSources)
                .profiles("local")
                .run(arguments.toArray(String[]::new));
    }

    /** The port it listens on. */
    public static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }
}
