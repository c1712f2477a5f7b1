package dev.keel.bootstrap.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests released together on one resource: one ETag raced by several updates (exactly one
 * wins, the others 412), one unique value created several times at once (exactly one 201, the
 * others 409), archive against restore. Each answer is checked like any other.
 */
final class Races {

    static final String ONE_WINNER = "one ETag, raced: exactly one update succeeds, the others 412";
    static final String ONE_CREATED = "one unique value, raced: exactly one create succeeds, the others 409";
    static final String ARCHIVE_RESTORE =
            "archive raced against restore leaves the resource as it was, live or archived";

    private static final int RACERS = 8;
    private static final int ROUNDS = 5;

    private final ApiDescription api;
    private final RawHttpClient http;
    private final StepChecker checker;
    private final ResourceModel model;
    private final FuzzReport report;
    private final RequestFactory factory;
    private final ResourceReader reader;

    Races(
            ApiDescription api,
            RawHttpClient http,
            StepChecker checker,
            ResourceModel model,
            FuzzReport report,
            RequestFactory factory) {
        this.api = api;
        this.http = http;
        this.checker = checker;
        this.model = model;
        this.report = report;
        this.factory = factory;
        this.reader = new ResourceReader(api, http);
    }

    void run(int step) {
        try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
            for (String collection : api.collections()) {
                for (int round = 0; round < ROUNDS; round++) {
                    etagRace(step, collection, pool);
                    uniqueRace(step, collection, pool);
                    archiveRestoreRace(step, collection, pool);
                }
                report.note("races on " + collection + ": " + ROUNDS + " rounds each of " + RACERS
                        + " updates on one ETag, " + RACERS + " creates of one value, archive against restore");
            }
        }
    }

    private void etagRace(int step, String collection, ExecutorService pool) {
        if (api.of(OperationKind.UPDATE, collection).isEmpty()) {
            return;
        }
        Tracked target = create(step, collection);
        ApiOperation update = api.of(OperationKind.UPDATE, collection).getFirst();
        List<RawRequest> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            racers.add(RawRequest.of("race: one ETag", update.method(), update.pathFor(target.id()))
                    .withHeader("Content-Type", "application/json")
                    .withHeader("If-Match", String.valueOf(target.etag()))
                    .withBody(Json.write(onlyFreeText(update))));
        }
        List<RawResponse> answers = race(pool, racers, step);
        Map<Integer, Long> statuses =
                answers.stream().collect(Collectors.groupingBy(RawResponse::status, Collectors.counting()));
        if (statuses.getOrDefault(200, 0L) != 1 || statuses.getOrDefault(412, 0L) != RACERS - 1) {
            report.add(new Violation(ONE_WINNER, racers.getFirst(), answers.getFirst(), step, "statuses " + statuses));
        }
        settle(step, target, racers.getFirst(), answers);
    }

    private void uniqueRace(int step, String collection, ExecutorService pool) {
        ApiOperation create = api.of(OperationKind.CREATE, collection).getFirst();
        RawRequest request = factory.freshCreate(create).request().labelled("race: one unique value");
        RawResponse first = http.send(request);
        checker.everyAnswer(step, request, first);
        checker.registerCreated(step, collection, request, first);
        RawResponse again = http.send(request);
        checker.everyAnswer(step, request, again);
        checker.registerCreated(step, collection, request, again);
        boolean unique = again.status() == 409;
        // The same body once more, but fresh: only its uniqueness differs from the first.
        RawRequest fresh = factory.freshCreate(create).request().labelled("race: one unique value");
        List<RawRequest> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            racers.add(fresh);
        }
        List<RawResponse> answers = race(pool, racers, step);
        Map<Integer, Long> statuses =
                answers.stream().collect(Collectors.groupingBy(RawResponse::status, Collectors.counting()));
        boolean holds = unique
                ? statuses.getOrDefault(201, 0L) == 1 && statuses.getOrDefault(409, 0L) == RACERS - 1
                : statuses.getOrDefault(201, 0L) == RACERS;
        if (!holds) {
            report.add(new Violation(
                    ONE_CREATED,
                    racers.getFirst(),
                    answers.getFirst(),
                    step,
                    "statuses " + statuses + (unique ? "" : " (no uniqueness: all should be 201)")));
        }
        answers.forEach(answer -> checker.registerCreated(step, collection, racers.getFirst(), answer));
    }

    private void archiveRestoreRace(int step, String collection, ExecutorService pool) {
        List<ApiOperation> archive = api.of(OperationKind.ARCHIVE, collection);
        List<ApiOperation> restore = api.of(OperationKind.ACTION, collection);
        if (archive.isEmpty() || restore.isEmpty()) {
            return;
        }
        Tracked target = create(step, collection);
        List<RawRequest> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            ApiOperation operation = i % 2 == 0 ? archive.getFirst() : restore.getFirst();
            racers.add(
                    RawRequest.of("race: archive against restore", operation.method(), operation.pathFor(target.id())));
        }
        List<RawResponse> answers = race(pool, racers, step);
        RawResponse read = reader.read(collection, target.id());
        checker.everyAnswer(step, reader.readRequest(collection, target.id()), read);
        JsonNode before = target.representation();
        boolean holds = read.status() == 404
                || read.status() == 200
                        && ResourceReader.representationOf(read)
                                .map(now -> withoutVersion(now).equals(withoutVersion(before)))
                                .orElse(false);
        if (!holds) {
            report.add(new Violation(
                    ARCHIVE_RESTORE,
                    racers.getFirst(),
                    answers.getFirst(),
                    step,
                    "re-read " + read.status() + " " + read.text() + "; before " + before));
        }
        model.put(ResourceReader.after(target, read));
    }

    private Tracked create(int step, String collection) {
        ApiOperation operation = api.of(OperationKind.CREATE, collection).getFirst();
        for (String referenced : ValidValues.referencedCollections(operation.bodySchema())) {
            if (!referenced.equals(collection) && model.live(referenced) == 0) {
                create(step, referenced); // what a valid create must refer to
            }
        }
        Step create = factory.freshCreate(operation);
        RawResponse created = http.send(create.request());
        checker.everyAnswer(step, create.request(), created);
        return checker.registerCreated(step, collection, create.request(), created)
                .orElseThrow(() ->
                        new IllegalStateException("the race could not create its resource: " + created.describe()));
    }

    /** An update body of fresh strings only: racing bodies that cannot fail on their own content. */
    private JsonNode onlyFreeText(ApiOperation update) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        JsonNode schema = update.bodySchema();
        if (schema != null) {
            for (Map.Entry<String, JsonNode> property :
                    schema.path("properties").properties()) {
                if ("string".equals(property.getValue().path("type").asString())
                        && !property.getValue().has("enum")) {
                    body.set(property.getKey(), factory.values().value(property.getValue()));
                }
            }
        }
        return body;
    }

    /** Releases every request at once, one thread each, and checks every answer. */
    private List<RawResponse> race(ExecutorService pool, List<RawRequest> requests, int step) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RawResponse>> futures = new ArrayList<>();
        for (RawRequest request : requests) {
            futures.add(pool.submit(() -> {
                start.await();
                return http.send(request);
            }));
        }
        start.countDown();
        List<RawResponse> answers = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            RawResponse answer = join(futures.get(i));
            checker.everyAnswer(step, requests.get(i), answer);
            answers.add(answer);
        }
        return answers;
    }

    /** After an ETag race: the resource is what the one winner answered. */
    private void settle(int step, Tracked target, RawRequest request, List<RawResponse> answers) {
        RawResponse read = reader.read(target.collection(), target.id());
        checker.everyAnswer(step, reader.readRequest(target.collection(), target.id()), read);
        answers.stream()
                .filter(a -> a.status() == 200)
                .findFirst()
                .flatMap(ResourceReader::representationOf)
                .filter(winner -> !ResourceReader.representationOf(read)
                        .map(winner::equals)
                        .orElse(false))
                .ifPresent(winner ->
                        report.add(new Violation(ONE_WINNER, request, read, step, "the winner answered " + winner)));
        model.put(ResourceReader.after(target, read));
    }

    private static JsonNode withoutVersion(JsonNode representation) {
        ObjectNode copy = (ObjectNode) representation.deepCopy();
        copy.remove(List.of("version", "updatedAt"));
        return copy;
    }

    private static RawResponse join(Future<RawResponse> future) {
        try {
            return future.get();
        } catch (Exception e) {
            return RawResponse.none(e.toString());
        }
    }
}
