package dev.keel.bootstrap.web.error;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds the one shape every error takes, for the advice and the error controller alike. */
final class Problems {

    private Problems() {}

    /**
     * The content type is set, not negotiated: a client that accepts only text/html still gets the
     * problem (RFC 9110 lets a server ignore Accept on an error) instead of an empty 406.
     */
    static ResponseEntity<ProblemDetail> response(
            HttpStatusCode status,
            ProblemTypes type,
            String detail,
            String instance,
            @Nullable List<ProblemDetailsAdvice.FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        problem.setInstance(safeInstance(instance));
        if (errors != null) {
            problem.setProperties(Map.of("errors", errors));
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The request's path as a URI, or none when the path is not one (then it is no use to echo). */
    static @Nullable URI safeInstance(@Nullable String path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
