package dev.keel.bootstrap.web.error;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything else reads it, a request whose query string or Content-Type cannot be
 * parsed: left to Spring and Tomcat they surface as exceptions wherever they are first read, and
 * answer 500. The refusal is rendered by {@link ProblemErrorController}, like any other error.
 */
@Component
// After Spring Boot's observation filter (+1) and RequestTraceFilter (+2), which read only the method and the URI,
// so a refusal has its trace too.
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class MalformedRequestFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiException> refusal = malformedContentType(request.getHeader(HttpHeaders.CONTENT_TYPE))
                .or(() -> malformedParameters(request));
        if (refusal.isPresent()) {
            request.setAttribute(ProblemErrorController.PROBLEM, refusal.get());
            response.sendError(refusal.get().status().value());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Spring refuses a wildcard Content-Type with an IllegalArgumentException wherever it reads it. */
    private static Optional<ApiException> malformedContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (type.isConcrete()) {
                return Optional.empty();
            }
        } catch (InvalidMediaTypeException e) {
            // refused below, with the wildcard
        }
        return Optional.of(new ApiException(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                "Content-Type must be one concrete media type, such as application/json: not a wildcard,"
                        + " not malformed."));
    }

    /** Tomcat decodes the query string (and a form body) on first use, and throws there. */
    private static Optional<ApiException> malformedParameters(HttpServletRequest request) {
        try {
            request.getParameterMap();
            return Optional.empty();
        } catch (InvalidParameterException e) {
            return Optional.of(ClientFaults.malformedParameters(e));
        }
    }
}
