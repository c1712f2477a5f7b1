package dev.keel.bootstrap.web.error;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word, as a problem detail instead of its HTML page: the errors Tomcat answers
 * before the application sees the request (a header over the size limit, an invalid character in
 * the path, an unknown HTTP version). Never the exception, the stack trace or the server's version.
 */
public class ProblemReportValve extends ErrorReportValve {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = Optional.ofNullable(HttpStatus.resolve(code)).orElse(HttpStatus.INTERNAL_SERVER_ERROR);
        ProblemTypes type = ProblemTypes.forStatus(code);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.type().toString());
        problem.put("title", type.title());
        problem.put("status", code);
        problem.put(
                "detail",
                status.is5xxServerError() && status != HttpStatus.HTTP_VERSION_NOT_SUPPORTED
                        ? "An unexpected error occurred; it has been logged."
                        : StatusDetails.of(status));
        URI instance = Problems.safeInstance(requestUri(request));
        if (instance != null) {
            problem.put("instance", instance.toString());
        }
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already committed: nothing more to say.
        }
    }

    /** The path as received; the request line may have been too broken to have one. */
    private static @Nullable String requestUri(Request request) {
        try {
            return request.getRequestURI();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
