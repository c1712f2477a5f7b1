package dev.keel.bootstrap.web.widget.faults;

import dev.keel.bootstrap.support.StandaloneKeel;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.S3Endpoint;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ProtocolHandler;
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

    /**
     * Tomcat's count against {@code server.tomcat.max-connections}: the connections it holds (each a
     * request being served, a client it waits on, or an idle keep-alive) plus, below the limit, the
     * place its acceptor takes before it waits for the next one. So 1 when no client is connected,
     * and the limit when every place is taken. With requests on virtual threads these, not threads,
     * are what clients can use up.
     */
    long connectionCount() {
        WebServer server = ((WebServerApplicationContext) context).getWebServer();
        ProtocolHandler handler =
                ((TomcatWebServer) server).getTomcat().getConnector().getProtocolHandler();
        return ((AbstractProtocol<?>) handler).getConnectionCount();
    }

    @Override
    public void close() {
        context.close();
    }
}
