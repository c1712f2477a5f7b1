package dev.keel.bootstrap.fuzz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Walks a whole list by its cursors, with a random page size and filter, and holds it against
 * the model: no resource twice, none skipped, none archived, and none that no success created.
 */
final class ListWalk {

    static final String NO_REPEAT = "list walks never repeat a resource";
    static final String NO_SKIP = "list walks never skip a live resource";
    static final String NO_PHANTOM = "no resource exists that no successful request created";

    private static final int MAX_PAGES = 2_000;

    private final RawHttpClient http;
    private final ResourceModel model;
    private final StepChecker checker;
    private final FuzzReport report;
    private final Random random;
    private final ValidValues values;

    ListWalk(
            RawHttpClient http,
            ResourceModel model,
            StepChecker checker,
            FuzzReport report,
            Random random,
            ValidValues values) {
        this.http = http;
        this.model = model;
        this.checker = checker;
        this.report = report;
        this.random = random;
        this.values = values;
    }

    void walk(int step, ApiOperation list) {
        List<String> query = new ArrayList<>();
        String cursorParameter = null;
        for (ApiParameter parameter : list.in("query")) {
            if (parameter.name().toLowerCase().contains("cursor")) {
                cursorParameter = parameter.name();
            } else if ("integer".equals(parameter.schema().path("type").asString())) {
                query.add(parameter.name() + "=" + (10 + random.nextInt(91)));
            } else if (parameter.schema().has("enum") && random.nextBoolean()) {
                query.add(parameter.name() + "="
                        + values.value(parameter.schema()).asString());
            }
        }
        String first = list.path() + (query.isEmpty() ? "" : "?" + String.join("&", query));
        Set<String> seen = new HashSet<>();
        RawRequest request = RawRequest.of("list walk", "GET", first);
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            RawResponse response = http.send(request);
            checker.everyAnswer(step, request, response);
            JsonNode page = Json.parse(response.text()).orElse(null);
            if (response.status() != 200 || page == null) {
                return;
            }
            for (JsonNode item : page.path("items").values()) {
                String id = item.path("id").asString();
                if (!seen.add(id)) {
                    report.add(new Violation(NO_REPEAT, request, response, step, id + " again"));
                }
            }
            Optional<String> next = nextCursor(page);
            if (next.isEmpty() || cursorParameter == null) {
                break;
            }
            request = RawRequest.of(
                    "list walk", "GET", first + (query.isEmpty() ? "?" : "&") + cursorParameter + "=" + next.get());
        }
        report.note("walked " + first + ": " + seen.size() + " resources");
        String oldest = model.all().stream()
                .filter(t -> t.collection().equals(list.collection()))
                .map(Tracked::id)
                .min(String::compareTo)
                .orElse("~");
        for (Tracked tracked : model.all()) {
            JsonNode representation = tracked.representation();
            boolean listed = seen.contains(tracked.id());
            if (tracked.collection().equals(list.collection())
                    && representation != null
                    && filterMismatch(first, representation).isEmpty()
                    && !listed) {
                report.add(new Violation(
                        NO_SKIP,
                        RawRequest.of("list walk", "GET", first),
                        RawResponse.none("(a whole walk)"),
                        step,
                        tracked.id() + " is live and never listed: " + representation));
            }
        }
        // Ids are UUIDv7 (docs/api.md): every id above this run's first one was created during the run.
        for (String id : seen) {
            if (id.compareTo(oldest) > 0 && model.get(id).isEmpty()) {
                report.add(new Violation(
                        NO_PHANTOM,
                        RawRequest.of("list walk", "GET", first),
                        RawResponse.none("(a whole walk)"),
                        step,
                        id + " is listed, but no request that created it succeeded"));
            }
        }
    }

    /** Why an item does not belong on a page filtered by this query, if it does not (enum filters are equality). */
    static Optional<String> filterMismatch(String targetOrQuery, JsonNode item) {
        String query =
                targetOrQuery.contains("?") ? targetOrQuery.substring(targetOrQuery.indexOf('?') + 1) : targetOrQuery;
        for (String pair : query.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            if (nameAndValue.length == 2
                    && item.path(nameAndValue[0]).isString()
                    && !item.path(nameAndValue[0]).asString().equals(nameAndValue[1])) {
                return Optional.of(item.path("id").asString() + " has " + nameAndValue[0] + "="
                        + item.path(nameAndValue[0]).asString() + " on a page filtered by " + pair);
            }
        }
        return Optional.empty();
    }

    /** The first string property of a page whose name says cursor: where the next page starts. */
    static Optional<String> nextCursor(JsonNode page) {
        for (Map.Entry<String, JsonNode> property : page.properties()) {
            if (property.getKey().toLowerCase().contains("cursor")
                    && property.getValue().isString()) {
                return Optional.of(property.getValue().asString());
            }
        }
        return Optional.empty();
    }
}
