package dev.keel.bootstrap.fuzz;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What every answer must hold, whatever was asked: checked on each response the run receives. */
final class Invariants {

    static final String NO_ANSWER = "every request gets an HTTP answer";
    static final String NO_5XX = "no 5xx";
    static final String PROBLEM_TYPE = "errors are application/problem+json";
    static final String PROBLEM_FIELDS = "problem details carry type, title and status";
    static final String NO_INTERNALS = "no internals in errors";

    /** Text that only an implementation detail would put in an answer. */
    private static final List<String> INTERNALS =
            List.of("Exception", "org.", "java.", "jakarta.", "\tat ", "at dev.keel", "Tomcat", "springframework");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Invariants() {}

    static List<String> brokenBy(RawRequest request, RawResponse response) {
        List<String> broken = new ArrayList<>();
        if (response.status() == 0) {
            broken.add(NO_ANSWER);
            return broken;
        }
        if (response.status() >= 500) {
            broken.add(NO_5XX);
        }
        if (!response.isError()) {
            return broken;
        }
        String body = response.text();
        boolean bodiless = "HEAD".equals(request.methodUpper());
        if (!bodiless && !response.contentType().startsWith("application/problem+json")) {
            broken.add(PROBLEM_TYPE);
        } else if (!bodiless && !hasProblemFields(body, response.status())) {
            broken.add(PROBLEM_FIELDS);
        }
        for (String internal : INTERNALS) {
            if (body.contains(internal)) {
                broken.add(NO_INTERNALS);
                break;
            }
        }
        return broken;
    }

    private static boolean hasProblemFields(String body, int status) {
        try {
            JsonNode problem = JSON.readTree(body);
            return problem.path("type").isString()
                    && problem.path("title").isString()
                    && problem.path("status").asInt(-1) == status;
        } catch (JacksonException e) {
            return false;
        }
    }
}
