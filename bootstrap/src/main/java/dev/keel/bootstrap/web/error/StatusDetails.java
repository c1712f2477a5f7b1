package dev.keel.bootstrap.web.error;

import org.springframework.http.HttpStatus;

/** A safe, fixed detail for an error known only by its status, as the server sends them. */
final class StatusDetails {

    private StatusDetails() {}

    static String of(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST ->
                "The request is malformed: its request line, a header or its body could not be parsed,"
                        + " or its headers (the query string included) are over the size the server accepts.";
            case NOT_FOUND -> "There is nothing at this path.";
            case METHOD_NOT_ALLOWED -> "This resource does not support this method.";
            case REQUEST_TIMEOUT -> "The request did not arrive in time.";
            case CONTENT_TOO_LARGE -> "The request is larger than the server accepts.";
            case URI_TOO_LONG -> "The request target is longer than the server accepts.";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "The request's headers are larger than the server accepts.";
            case HTTP_VERSION_NOT_SUPPORTED -> "This server speaks HTTP/1.1 and HTTP/1.0.";
            default -> status.getReasonPhrase() + ".";
        };
    }
}
