package dev.keel.bootstrap.web.widget.faults;

import dev.keel.bootstrap.KeelApplication;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.S3Endpoint;
import dev.keel.tools.devservices.issuer.IssuerEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started for one fault test on servers that test may stop, never on the shared
 * context's: a fault must not leak into other test classes. Closed at the end of the test.
 */
final class DedicatedKeel implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private DedicatedKeel(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Objects.requireNonNull(
                context.getEnvironment().getProperty("local.server.port", Integer.class), "local.server.port");
    }

    /** Keel on a random port with the {@code local} profile (migrations at start), as {@code make run} has it. */
    static DedicatedKeel start(PostgresEndpoint postgres, S3Endpoint s3, Map<String, String> settings) {
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
        all.putAll(settings);
        // Command-line arguments outrank application.yml, as a deployment's environment does.
        List<String> arguments = new ArrayList<>();
        all.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new DedicatedKeel(new SpringApplicationBuilder(KeelApplication.class)
                .profiles("local")
                .run(arguments.toArray(String[]::new)));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int port() {
        return port;
    }

    /** Tomcat's request threads busy now: each one a request being served or waiting on its client. */
    int busyRequestThreads() {
        WebServer server = ((WebServerApplicationContext) context).getWebServer();
        Executor executor = ((TomcatWebServer) server)
                .getTomcat()
                .getConnector()
                .getProtocolHandler()
                .getExecutor();
        return ((ThreadPoolExecutor) executor).getActiveCount();
    }

    @Override
    public void close() {
        context.close();
    }
}
