package dev.keel.bootstrap.web.error;

import java.net.URI;

/** The stable problem type URIs of the API, one per kind of failure (RFC 9457 `type`). */
public enum ProblemTypes {
    MALFORMED_REQUEST("malformed-request", "Malformed request"),
    VALIDATION("validation", "Invalid request"),
    UNAUTHORIZED("unauthorized", "Unauthorized"),
    FORBIDDEN("forbidden", "Forbidden"),
    NOT_FOUND("not-found", "Resource not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable"),
    CONFLICT("conflict", "Conflict"),
    LENGTH_REQUIRED("length-required", "Length required"),
    STALE_VERSION("stale-version", "Stale version"),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    RULE_VIOLATION("rule-violation", "Business rule violated"),
    PRECONDITION_REQUIRED("precondition-required", "Precondition required"),
    UNAVAILABLE("unavailable", "Service unavailable"),
    HTTP_VERSION_NOT_SUPPORTED("http-version-not-supported", "HTTP version not supported"),
    INTERNAL("internal", "Internal error");

    /** Forks change this one line to their own documentation address. */
    static final String BASE = "https://keel.dev/problems/";

    private final URI type;
    private final String title;

    ProblemTypes(String slug, String title) {
        this.type = URI.create(BASE + slug);
        this.title = title;
    }

    public URI type() {
        return type;
    }

    public String title() {
        return title;
    }

    /**
     * The type for an HTTP status the framework or the server reports on its own (405, 406, a
     * header Tomcat refused...): any other client error is a malformed request, any other server
     * error an internal one.
     */
    static ProblemTypes forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 411 -> LENGTH_REQUIRED;
            case 412 -> STALE_VERSION;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> RULE_VIOLATION;
            case 428 -> PRECONDITION_REQUIRED;
            case 503 -> UNAVAILABLE;
            case 505 -> HTTP_VERSION_NOT_SUPPORTED;
            default -> status >= 400 && status < 500 ? MALFORMED_REQUEST : INTERNAL;
        };
    }
}
