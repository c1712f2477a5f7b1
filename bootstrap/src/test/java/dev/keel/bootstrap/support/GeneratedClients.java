package dev.keel.bootstrap.support;

import dev.keel.bootstrap.client.ApiClient;
import java.net.http.HttpRequest;
import java.util.function.Consumer;

/**
 * The client openapi-generator makes from docs/openapi.json (target/generated-test-sources, never
 * committed), pointed at the application under test, with one place that authorises its requests.
 */
public final class GeneratedClients {

    private GeneratedClients() {}

    public static ApiClient forPort(int port) {
        return forPort(port, request -> {});
    }

    /** With {@code more} applied to every request after it is authorised. */
    public static ApiClient forPort(int port, Consumer<HttpRequest.Builder> more) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + port);
        Consumer<HttpRequest.Builder> authorise = GeneratedClients::authorise;
        return client.setRequestInterceptor(authorise.andThen(more));
    }

    /** The credentials: every request of a generated client passes here and gets a bearer token. */
    static void authorise(HttpRequest.Builder request) {
        request.setHeader("Authorization", Tokens.ALL_SCOPES);
    }
}
