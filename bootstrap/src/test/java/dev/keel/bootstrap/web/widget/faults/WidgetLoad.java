package dev.keel.bootstrap.web.widget.faults;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Clients that create a widget of a fresh name and list widgets, over and over, until closed;
 * every answer is kept with the moment it came, so the test can say what happened when.
 */
final class WidgetLoad implements AutoCloseable {

    /** One answer: {@code status} -1 when no HTTP answer came at all. */
    record Answer(
            String operation, String name, int status, String contentType, String type, String retryAfter, long at) {

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    private final DedicatedKeel keel;
    private final ExecutorService clients;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    private WidgetLoad(DedicatedKeel keel, int clientCount, String prefix) {
        this.keel = keel;
        this.clients = Executors.newFixedThreadPool(clientCount);
        for (int client = 0; client < clientCount; client++) {
            String clientPrefix = prefix + "-" + client + "-";
            clients.submit(() -> loop(clientPrefix));
        }
    }

    static WidgetLoad start(DedicatedKeel keel, int clients, String namePrefix) {
        return new WidgetLoad(keel, clients, namePrefix);
    }

    private void loop(String namePrefix) {
        for (int n = 0; running.get(); n++) {
            String name = namePrefix + n;
            call("create", name, () -> Http.postJson(keel.uri("/api/widgets"), "{\"name\":\"" + name + "\"}"));
            call("list", "", () -> Http.get(keel.uri("/api/widgets?limit=5")));
        }
    }

    private void call(String operation, String name, HttpCall request) {
        try {
            HttpResponse<String> response = request.send();
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            String type = contentType.startsWith("application/problem+json")
                    ? Http.json(response).path("type").asString()
                    : "";
            answers.add(new Answer(
                    operation,
                    name,
                    response.statusCode(),
                    contentType,
                    type,
                    response.headers().firstValue("Retry-After").orElse(""),
                    System.nanoTime()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            answers.add(new Answer(operation, name, -1, "", e.toString(), "", System.nanoTime()));
        }
    }

    long count(Predicate<Answer> which) {
        return answers.stream().filter(which).count();
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        if (!clients.awaitTermination(Http.REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
            clients.shutdownNow();
        }
    }

    private interface HttpCall {
        HttpResponse<String> send() throws Exception;
    }
}
