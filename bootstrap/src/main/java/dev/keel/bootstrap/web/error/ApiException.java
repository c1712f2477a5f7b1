package dev.keel.bootstrap.web.error;

import org.springframework.http.HttpStatus;

/** A failure the web layer itself detects (a missing header, an oversized upload), with a safe detail. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final ProblemTypes type;

    public ApiException(HttpStatus status, ProblemTypes type, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemTypes type() {
        return type;
    }
}
