package dev.keel.tools.devservices;

/**
 * A failure a developer can act on: the message says what went wrong and how to fix it,
 * so launchers print it as is instead of a stack trace.
 */
public class DevServiceException extends RuntimeException {

    public DevServiceException(String message) {
        super(message);
    }

    public DevServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
