package dev.keel.domain.common;

/** A failure the domain names; adapters translate each kind to their protocol (HTTP status, exit code). */
public abstract sealed class DomainException extends RuntimeException
        permits NotFoundException, ConflictException, RuleViolationException, StaleVersionException {

    protected DomainException(String message) {
        super(message);
    }
}
