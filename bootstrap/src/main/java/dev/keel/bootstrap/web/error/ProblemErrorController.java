package dev.keel.bootstrap.web.error;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What answers the errors the advice never sees: a status the servlet container or a filter sent
 * (TRACE's 405, a body cut short), an exception thrown outside Spring MVC. Replaces Spring Boot's
 * {@code /error}, whose JSON is not a problem detail, for every method and whatever the Accept.
 */
// Not part of the API: hidden from the OpenAPI document, which clients and the fuzz test read.
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    /** A request attribute holding the {@link ApiException} a filter refused the request with. */
    static final String PROBLEM = ProblemErrorController.class.getName() + ".problem";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorController.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                ? uri
                : request.getRequestURI();
        ApiException problem = problem(request);
        return Problems.response(problem.status(), problem.type(), problem.getMessage(), path, null);
    }

    private static ApiException problem(HttpServletRequest request) {
        if (request.getAttribute(PROBLEM) instanceof ApiException refusal) {
            return refusal;
        }
        Optional<ApiException> clientFault =
                request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure
                        ? ClientFaults.of(failure)
                        : Optional.empty();
        if (clientFault.isPresent()) {
            return clientFault.get();
        }
        // Asked for directly, /error is no resource.
        int code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status
                ? status
                : HttpStatus.NOT_FOUND.value();
        HttpStatus status = Optional.ofNullable(HttpStatus.resolve(code)).orElse(HttpStatus.INTERNAL_SERVER_ERROR);
        if (status.is5xxServerError()) {
            LOG.error(
                    "Error {} on {}",
                    status.value(),
                    request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
                    (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            return new ApiException(
                    status,
                    ProblemTypes.forStatus(status.value()),
                    "An unexpected error occurred; it has been logged.");
        }
        return new ApiException(status, ProblemTypes.forStatus(status.value()), StatusDetails.of(status));
    }
}
