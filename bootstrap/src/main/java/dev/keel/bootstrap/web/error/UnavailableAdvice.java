package dev.keel.bootstrap.web.error;

import dev.keel.domain.storage.StorageUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A database or object store that does not answer, or cannot take a write (a full disk: SQLSTATE class 53,
 * insufficient resources), is an outage, not a bug: 503 problem details
 * with {@code Retry-After}, logged in one line without a stack trace. Ordered first so the
 * catch-all 500 of {@link ProblemDetailsAdvice} never sees these (Spring also matches causes).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UnavailableAdvice {

    public static final URI TYPE = ProblemTypes.UNAVAILABLE.type();

    static final String TITLE = ProblemTypes.UNAVAILABLE.title();

    /** Long enough for a database restart or a failover, short enough that clients come back soon. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(UnavailableAdvice.class);

    @ExceptionHandler({
        CannotCreateTransactionException.class, // no connection to begin with
        // incl. CannotGetJdbcConnectionException, a connection lost, and SQLSTATE 53xxx (disk full, out of memory)
        DataAccessResourceFailureException.class,
        TransientDataAccessResourceException.class,
        // JdbcTransactionManager translates the commit and rollback failures it recognises (a constraint, a
        // serialization failure); what is left is the connection dying under them, as in a restart.
        TransactionSystemException.class
    })
    ResponseEntity<ProblemDetail> database(Exception e, HttpServletRequest request) {
        return unavailable("database", "The database cannot serve requests now; try again shortly.", e, request);
    }

    @ExceptionHandler(StorageUnavailableException.class)
    ResponseEntity<ProblemDetail> storage(StorageUnavailableException e, HttpServletRequest request) {
        return unavailable("object store", "File storage is not available; try again shortly.", e, request);
    }

    private static ResponseEntity<ProblemDetail> unavailable(
            String what, String detail, Exception e, HttpServletRequest request) {
        LOG.warn("{} {}: the {} failed: {}", request.getMethod(), request.getRequestURI(), what, e.toString());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setType(TYPE);
        problem.setTitle(TITLE);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
