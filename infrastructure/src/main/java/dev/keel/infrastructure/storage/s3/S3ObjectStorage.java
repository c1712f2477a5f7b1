package dev.keel.infrastructure.storage.s3;

import dev.keel.domain.storage.ObjectStorage;
import dev.keel.domain.storage.StorageKey;
import dev.keel.domain.storage.StoredObject;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** {@link ObjectStorage} on one S3 bucket, through the AWS SDK v2. Works with AWS, MinIO and S3Proxy.
 * An unreachable or failing server surfaces as {@code StorageUnavailableException} ({@link S3Outages}).
 */
public final class S3ObjectStorage implements ObjectStorage {

    private static final int NOT_FOUND = 404;

    /**
     * A streamed body cannot be read twice: a retry would fail on the spent stream and hide why
     * the first attempt failed (S3 unreachable), so an upload gets one attempt.
     */
    private static final SdkPlugin NO_RETRY =
            client -> client.overrideConfiguration(retries -> retries.retryStrategy(DefaultRetryStrategy.doNotRetry()));

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    public S3ObjectStorage(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public void put(StorageKey key, InputStream content, long contentLength, String contentType) {
        S3Outages.translated(() -> s3.putObject(
                request -> request.bucket(bucket)
                        .key(key.value())
                        .contentType(contentType)
                        .contentLength(contentLength)
                        .overrideConfiguration(o -> o.addPlugin(NO_RETRY)),
                RequestBody.fromInputStream(content, contentLength)));
    }

    @Override
    public Optional<StoredObject> get(StorageKey key) {
        return S3Outages.translated(() -> {
            try {
                ResponseInputStream<GetObjectResponse> object =
                        s3.getObject(request -> request.bucket(bucket).key(key.value()));
                GetObjectResponse response = object.response();
                String contentType =
                        response.contentType() == null ? "application/octet-stream" : response.contentType();
                return Optional.of(new StoredObject(object, contentType, response.contentLength()));
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean exists(StorageKey key) {
        return S3Outages.translated(() -> {
            try {
                s3.headObject(request -> request.bucket(bucket).key(key.value()));
                return true;
            } catch (S3Exception e) {
                if (e.statusCode() == NOT_FOUND) {
                    return false;
                }
                throw e;
            }
        });
    }

    @Override
    public void delete(StorageKey key) {
        S3Outages.translated(
                () -> s3.deleteObject(request -> request.bucket(bucket).key(key.value())));
    }

    @Override
    public URI presignGet(StorageKey key, Duration lifetime) {
        return toUri(presigner
                .presignGetObject(request -> request.signatureDuration(lifetime)
                        .getObjectRequest(get -> get.bucket(bucket).key(key.value())))
                .url());
    }

    @Override
    public URI presignPut(StorageKey key, String contentType, Duration lifetime) {
        return toUri(presigner
                .presignPutObject(request -> request.signatureDuration(lifetime)
                        .putObjectRequest(
                                put -> put.bucket(bucket).key(key.value()).contentType(contentType)))
                .url());
    }

    private static URI toUri(URL url) {
        return URI.create(url.toString());
    }
}
