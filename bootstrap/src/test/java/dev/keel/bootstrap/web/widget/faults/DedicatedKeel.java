package dev.keel.bootstrap.web.widget.faults;

import dev.keel.bootstrap.support.StandaloneKeel;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.S3Endpoint;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
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
        return new DedicatedKeel(StandaloneKeel.start(postgres, s3, settings));
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
