package dev.keel.infrastructure.storage.s3;

import dev.keel.domain.storage.StorageUnavailableException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Tells an outage from a refusal: no answer at all (connection refused or reset, a timeout) or
 * a 5xx from the server becomes {@link StorageUnavailableException}; a 4xx stays what it is.
 */
final class S3Outages {

    private static final int FIRST_SERVER_ERROR = 500;

    private S3Outages() {}

    static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkClientException e) {
            throw new StorageUnavailableException("S3 did not answer: " + e.getMessage(), e);
        } catch (S3Exception e) {
            if (e.statusCode() >= FIRST_SERVER_ERROR) {
                throw new StorageUnavailableException("S3 answered " + e.statusCode() + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }

    static void translated(Runnable call) {
        translated(() -> {
            call.run();
            return Boolean.TRUE;
        });
    }
}
