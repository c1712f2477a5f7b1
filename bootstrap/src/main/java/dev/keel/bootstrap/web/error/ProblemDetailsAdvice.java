package dev.keel.bootstrap.web.error;

import dev.keel.domain.common.ConflictException;
import dev.keel.domain.common.NotFoundException;
import dev.keel.domain.common.RuleViolationException;
import dev.keel.domain.common.StaleVersionException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of the API as an RFC 9457 problem detail: a stable {@code type} URI, a fixed
 * {@code title} per type, a safe {@code detail}, the {@code instance} path, and for invalid
 * input an {@code errors} array of {@code {field, message}}. No class name or stack trace leaks.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** One invalid input: which field, and what is wrong with it. */
    public record FieldError(String field, String message) {}

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, e.getMessage(), request, null);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, e.getMessage(), request, null);
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ProblemDetail> stale(StaleVersionException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = problem(
                HttpStatus.PRECONDITION_FAILED,
                ProblemTypes.STALE_VERSION,
                e.getMessage() + ": read it again and apply your change to the current version",
                request,
                null);
        // Spring quotes the bare version: "3", the strong ETag every response carries (ETags.forVersion, whose
        // test holds the two alike). Named here, not called: web.common raises this package's errors.
        return ResponseEntity.status(response.getStatusCode())
                .eTag(String.valueOf(e.currentVersion()))
                .body(response.getBody());
    }

    @ExceptionHandler(RuleViolationException.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolationException e, HttpServletRequest request) {
        return problem(
                HttpStatus.UNPROCESSABLE_CONTENT,
                ProblemTypes.RULE_VIOLATION,
                e.getMessage(),
                request,
                List.of(new FieldError(
                        e.field(), e.getMessage().substring(e.field().length() + 1))));
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        return problem(e.status(), e.type(), e.getMessage(), request, null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION,
                "A parameter has an invalid value.",
                request,
                List.of(new FieldError(e.getName(), "is not a valid value")));
    }

    /** A query string Tomcat cannot decode, should anything read parameters past MalformedRequestFilter. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameters(InvalidParameterException e, HttpServletRequest request) {
        return api(ClientFaults.malformedParameters(e), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        Optional<ApiException> clientFault = ClientFaults.of(e);
        if (clientFault.isPresent()) {
            return api(clientFault.get(), request);
        }
        LOG.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL,
                "An unexpected error occurred; it has been logged.",
                request,
                null);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), String.valueOf(error.getDefaultMessage())))
                .toList();
        return withBody(problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.VALIDATION,
                "The request has invalid fields.",
                servletRequest(request),
                errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = null;
        String detail = "The request body is not valid JSON for this operation.";
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            errors = List.of(new FieldError(unknown.getPropertyName(), "is not a known field"));
            detail = "The request body has a field this operation does not know.";
        } else if (e.getCause() instanceof DatabindException databind
                && !databind.getPath().isEmpty()) {
            String field = databind.getPath().getLast().getPropertyName();
            errors = List.of(new FieldError(field == null ? "body" : field, "has a value of the wrong type"));
        }
        return withBody(problem(
                HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, detail, servletRequest(request), errors));
    }

    /** Framework errors (405, 406, 415, ...) get the same stable types and titles as ours. */
    @Override
    protected @Nullable ResponseEntity<Object> handleExceptionInternal(
            Exception e, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(e, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            ProblemTypes type = ProblemTypes.forStatus(status.value());
            problem.setType(type.type());
            problem.setTitle(type.title());
            problem.setInstance(Problems.safeInstance(servletRequest(request).getRequestURI()));
            // Set, not negotiated: a 406 must not lose its body to the Accept that caused it.
            return ResponseEntity.status(response.getStatusCode())
                    .headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        return response;
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatusCode status,
            ProblemTypes type,
            String detail,
            HttpServletRequest request,
            @Nullable List<FieldError> errors) {
        return Problems.response(status, type, detail, request.getRequestURI(), errors);
    }

    private static ResponseEntity<Object> withBody(ResponseEntity<ProblemDetail> response) {
        return ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .body(response.getBody());
    }

    private static HttpServletRequest servletRequest(WebRequest request) {
        return ((ServletWebRequest) request).getRequest();
    }
}
