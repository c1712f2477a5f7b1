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
import org.springframework.http.HttpHeaders;
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
        ClientFault fault = ClientFault.of(code, request);
        if (fault != null) {
            code = fault.status().value();
            response.setStatus(code);
            if (fault.status() == HttpStatus.METHOD_NOT_ALLOWED) {
                response.setHeader(HttpHeaders.ALLOW, ClientFault.API_METHODS);
            }
        }
        HttpStatus status = Optional.ofNullable(HttpStatus.resolve(code)).orElse(HttpStatus.INTERNAL_SERVER_ERROR);
        ProblemTypes type = fault != null ? fault.type() : ProblemTypes.forStatus(code);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.type().toString());
        problem.put("title", type.title());
        problem.put("status", code);
        problem.put(
                "detail",
                fault != null
                        ? fault.detail()
                        : status.is5xxServerError()
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

    /**
     * What Tomcat answers with a 5xx although the client caused it: a method (501, CONNECT or an unknown token), a
     * transfer coding (501, gzip) or an HTTP version (505) it does not implement. RFC 9110 names those statuses,
     * but the process answers no 5xx for what a client sends, so a team's alert on the 5xx rate counts server
     * faults only; the answer is the 4xx that says what to change.
     */
    record ClientFault(HttpStatus status, ProblemTypes type, String detail) {

        /** The methods the API's resources use, for the Allow header a 405 must carry. */
        static final String API_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

        static @Nullable ClientFault of(int code, Request request) {
            if (code == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
                return new ClientFault(
                        HttpStatus.BAD_REQUEST,
                        ProblemTypes.HTTP_VERSION_NOT_SUPPORTED,
                        StatusDetails.of(HttpStatus.HTTP_VERSION_NOT_SUPPORTED));
            }
            if (code != HttpStatus.NOT_IMPLEMENTED.value()) {
                return null;
            }
            String coding = header(request, HttpHeaders.TRANSFER_ENCODING);
            if (coding != null && !coding.isBlank() && !coding.strip().equalsIgnoreCase("chunked")) {
                return new ClientFault(
                        HttpStatus.BAD_REQUEST,
                        ProblemTypes.MALFORMED_REQUEST,
                        "This server takes a request body as it is or chunked, not in another transfer coding.");
            }
            return new ClientFault(
                    HttpStatus.METHOD_NOT_ALLOWED,
                    ProblemTypes.METHOD_NOT_ALLOWED,
                    StatusDetails.of(HttpStatus.METHOD_NOT_ALLOWED));
        }

        private static @Nullable String header(Request request, String name) {
            try {
                return request.getHeader(name);
            } catch (RuntimeException e) {
                return null;
            }
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
