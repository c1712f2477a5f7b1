package dev.keel.bootstrap.fuzz;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Checks one step's answer: the invariants of every answer, then against the model what the
 * request did to its resource, re-reading it after anything that might have written.
 */
final class StepChecker {

    static final String VALID_NOT_REFUSED = "valid requests are not refused for their form";
    static final String NO_WRITE_ON_ERROR = "no write applied when the answer is an error";
    static final String UNTOUCHED = "a request about nothing else leaves the resource alone";
    static final String ANSWER_IS_STATE = "a write answers with what the next read returns";
    static final String NO_LOST_UPDATE = "no lost update";
    static final String ARCHIVED_GONE = "archived resources are gone from reads";
    static final String READS_MATCH = "reads return the last state written";
    static final String PART_ROUND_TRIP = "a part downloads as it was uploaded";
    static final String PAGE_MATCHES = "lists show what reads show";

    /** Statuses that say the request itself was malformed: never the answer to a valid one. */
    private static final Set<Integer> FORM_ERRORS = Set.of(400, 405, 406, 411, 412, 413, 415, 428, 431);

    private static final HttpClient DOWNLOADS = HttpClient.newHttpClient();

    private final ResourceModel model;
    private final ResourceReader reader;
    private final RequestFactory factory;
    private final FuzzReport report;

    StepChecker(
            ApiDescription api, RawHttpClient http, ResourceModel model, RequestFactory factory, FuzzReport report) {
        this.model = model;
        this.reader = new ResourceReader(api, http);
        this.factory = factory;
        this.report = report;
    }

    void check(int step, Step s, RawResponse response) {
        everyAnswer(step, s.request(), response);
        if (s.valid() && refusedForItsForm(s, response)) {
            report.add(new Violation(VALID_NOT_REFUSED, s.request(), response, step, ""));
        }
        Tracked target = s.target();
        if (target != null) {
            checkTarget(step, s, model.get(target.id()).orElse(target), response);
        } else if (response.status() == 201) {
            registerCreated(step, s.operation().collection(), s.request(), response);
        } else if (response.isError() && response.header("Location") != null) {
            createdAnyway(step, s, response);
        }
        if (response.status() == 200 && "GET".equals(s.request().method())) {
            checkPage(step, s, response);
        }
    }

    void everyAnswer(int step, RawRequest request, RawResponse response) {
        for (String broken : Invariants.brokenBy(request, response)) {
            report.add(new Violation(broken, request, response, step, ""));
        }
    }

    /** A 201 outside the model: read it back, then track it. */
    Optional<Tracked> registerCreated(int step, String collection, RawRequest request, RawResponse response) {
        Optional<JsonNode> created = ResourceReader.representationOf(response);
        if (created.isEmpty()) {
            return Optional.empty();
        }
        String id = created.get().path("id").asString();
        RawResponse read = reader.read(collection, id);
        everyAnswer(step, reader.readRequest(collection, id), read);
        Tracked tracked = new Tracked(collection, id, created.get(), response.header("ETag"), null);
        if (!ResourceReader.matches(tracked, read)) {
            report.add(new Violation(
                    ANSWER_IS_STATE, request, response, step, "re-read: " + read.status() + " " + read.text()));
        }
        tracked = ResourceReader.after(tracked, read);
        model.put(tracked);
        return Optional.of(tracked);
    }

    /** An error that names a new resource: if that resource can be read, the failed request stored it. */
    private void createdAnyway(int step, Step s, RawResponse response) {
        String location = String.valueOf(response.header("Location"));
        String id = location.substring(location.lastIndexOf('/') + 1);
        String collection = s.operation().collection();
        RawResponse read = reader.read(collection, id);
        if (read.status() == 200) {
            report.add(new Violation(
                    NO_WRITE_ON_ERROR, s.request(), response, step, "yet " + location + " reads " + read.text()));
            ResourceReader.representationOf(read)
                    .ifPresent(stored -> model.put(new Tracked(collection, id, stored, read.header("ETag"), null)));
        }
    }

    private static boolean refusedForItsForm(Step s, RawResponse response) {
        int status = response.status();
        if (s.operation().kind() == OperationKind.PUT_PART && status == 415) {
            return false; // which part types a resource takes is configuration, not in the OpenAPI document
        }
        return FORM_ERRORS.contains(status);
    }

    private void checkTarget(int step, Step s, Tracked before, RawResponse response) {
        RawRequest request = s.request();
        OperationKind kind = s.operation().kind();
        if (request.isSafe()) {
            if (s.valid() && kind == OperationKind.READ && !ResourceReader.matches(before, response)) {
                report.add(new Violation(READS_MATCH, request, response, step, "model: " + before.representation()));
            }
            if (s.valid() && kind == OperationKind.GET_PART) {
                checkDownload(step, s, before, response);
            }
            return;
        }
        RawResponse read = reader.read(before.collection(), before.id());
        everyAnswer(step, reader.readRequest(before.collection(), before.id()), read);
        boolean aboutTarget = request.target().toLowerCase(Locale.ROOT).contains(before.id());
        boolean succeeded = response.status() >= 200 && response.status() < 300;
        String detail = "expected " + (before.live() ? "200 " + before.representation() : "404") + "; re-read: "
                + read.status() + " " + read.text();
        if (!succeeded || !aboutTarget) {
            if (!ResourceReader.matches(before, read)) {
                report.add(new Violation(succeeded ? UNTOUCHED : NO_WRITE_ON_ERROR, request, response, step, detail));
                // Whatever was written, its part's bytes are not known any more.
                model.put(ResourceReader.after(before, read).withoutPart());
                return;
            }
            model.put(ResourceReader.after(before, read));
            return;
        }
        Optional<JsonNode> answered = ResourceReader.representationOf(response)
                .filter(r -> r.path("id").asString().equals(before.id()));
        if (answered.isPresent()
                && !(read.status() == 200
                        && ResourceReader.representationOf(read).equals(answered))) {
            report.add(new Violation(
                    ANSWER_IS_STATE, request, response, step, "re-read: " + read.status() + " " + read.text()));
        }
        if (s.valid() && kind == OperationKind.ARCHIVE && read.status() != 404) {
            report.add(new Violation(ARCHIVED_GONE, request, response, step, "re-read: " + read.status()));
        }
        if (s.valid() && kind == OperationKind.UPDATE && answered.isPresent()) {
            lostUpdate(before, request, answered.get())
                    .ifPresent(why -> report.add(new Violation(NO_LOST_UPDATE, request, response, step, why)));
        }
        Tracked after = ResourceReader.after(before, read);
        if (kind == OperationKind.PUT_PART) {
            after = cleanlyFramed(request) ? after.withPart(request.body()) : after.withoutPart();
        }
        model.put(after);
    }

    /** The answer to an update has each field sent, every other field as it was, and the next version. */
    private static Optional<String> lostUpdate(Tracked before, RawRequest request, JsonNode answered) {
        JsonNode sent =
                Json.parse(new String(request.body(), StandardCharsets.UTF_8)).orElse(null);
        JsonNode previous = before.representation();
        if (sent == null || previous == null) {
            return Optional.empty();
        }
        if (answered.path("version").asLong() != before.version() + 1) {
            return Optional.of("version " + answered.path("version") + " after " + before.version());
        }
        for (String field : previous.propertyNames()) {
            JsonNode expected = sent.has(field) ? sent.get(field) : previous.get(field);
            if (!List.of("version", "updatedAt").contains(field) && !expected.equals(answered.get(field))) {
                return Optional.of(
                        field + " is " + answered.get(field) + ", expected " + expected + " (sent " + sent + ")");
            }
        }
        return Optional.empty();
    }

    private static boolean cleanlyFramed(RawRequest request) {
        return request.missingBytes() == 0
                && request.header("Transfer-Encoding") == null
                && request.headers().stream()
                                .filter(h -> h.name().equalsIgnoreCase("Content-Length"))
                                .count()
                        == 0;
    }

    private void checkDownload(int step, Step s, Tracked before, RawResponse response) {
        byte[] uploaded = before.part();
        if (uploaded == null || !before.live()) {
            return;
        }
        if (response.status() != 302 || response.header("Location") == null) {
            report.add(
                    new Violation(PART_ROUND_TRIP, s.request(), response, step, "a part was uploaded; expected 302"));
            return;
        }
        try {
            HttpResponse<byte[]> file = DOWNLOADS.send(
                    HttpRequest.newBuilder(URI.create(response.header("Location")))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (file.statusCode() != 200 || !Arrays.equals(file.body(), uploaded)) {
                report.add(new Violation(
                        PART_ROUND_TRIP,
                        s.request(),
                        response,
                        step,
                        "download answered " + file.statusCode() + " with " + file.body().length + " bytes; uploaded "
                                + uploaded.length));
            }
        } catch (Exception e) {
            report.add(new Violation(PART_ROUND_TRIP, s.request(), response, step, "download failed: " + e));
        }
    }

    /** A list page: items as reads show them, none archived, none twice, each matching the filter asked for. */
    private void checkPage(int step, Step s, RawResponse response) {
        if (s.operation().kind() != OperationKind.LIST
                || !s.request().path().equals(s.operation().path())) {
            return;
        }
        JsonNode page = Json.parse(response.text()).orElse(null);
        if (page == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode item : page.path("items").values()) {
            String id = item.path("id").asString();
            if (!seen.add(id)) {
                report.add(new Violation(PAGE_MATCHES, s.request(), response, step, id + " twice on one page"));
            }
            model.get(id)
                    .filter(t -> !item.equals(t.representation()))
                    .ifPresent(t -> report.add(new Violation(
                            PAGE_MATCHES,
                            s.request(),
                            response,
                            step,
                            "item " + item + ", model " + t.representation())));
            if (s.valid()) {
                ListWalk.filterMismatch(s.request().query(), item)
                        .ifPresent(why -> report.add(new Violation(PAGE_MATCHES, s.request(), response, step, why)));
            }
        }
        ListWalk.nextCursor(page).ifPresent(factory::rememberCursor);
    }
}
