package dev.keel.bootstrap.web.error;

import java.util.Optional;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * Failures the client caused that surface as server exceptions: a query string Tomcat cannot
 * decode, a body shorter than its Content-Length. They answer 4xx, and are not logged as errors.
 */
final class ClientFaults {

    private ClientFaults() {}

    /** The client error somewhere in this failure's causes, if it is one. */
    static Optional<ApiException> of(Throwable failure) {
        Throwable cause = failure;
        // Bounded: a cause chain can loop.
        for (int depth = 0; cause != null && depth < 16; depth++, cause = cause.getCause()) {
            if (cause instanceof InvalidParameterException invalid) {
                return Optional.of(malformedParameters(invalid));
            }
            if (cause instanceof HttpMessageNotReadableException) {
                // Read outside a handler (a filter), where the advice's own handler does not see it.
                return Optional.of(new ApiException(
                        HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "The request body could not be read."));
            }
            if (cause instanceof RequestRejectedException) {
                return Optional.of(rejected());
            }
            if (cause instanceof BadRequestException) {
                return Optional.of(new ApiException(
                        HttpStatus.BAD_REQUEST,
                        ProblemTypes.MALFORMED_REQUEST,
                        "The request body could not be read whole: it ended before its Content-Length,"
                                + " or its chunked encoding is broken."));
            }
        }
        return Optional.empty();
    }

    /** Spring Security's firewall refused a header value, a parameter name or the path; it is not echoed. */
    static ApiException rejected() {
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.MALFORMED_REQUEST,
                "The request has a path, header value or parameter name the server does not accept.");
    }

    static ApiException malformedParameters(InvalidParameterException invalid) {
        if (invalid.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
            return new ApiException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    ProblemTypes.PAYLOAD_TOO_LARGE,
                    "The request has more parameters than the server accepts.");
        }
        return new ApiException(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.MALFORMED_REQUEST,
                "The query string is malformed: a parameter without a name, or percent-encoding that is"
                        + " not %XX with two hexadecimal digits, or that is not UTF-8.");
    }
}
