package dev.keel.infrastructure.storage.s3;

import java.net.URI;
import java.util.Objects;

/**
 * How to reach the bucket. {@code endpoint} is empty for AWS itself; MinIO and S3Proxy need it
 * and path-style access. Empty credentials mean the SDK's default chain (instance roles, env).
 */
public record S3Settings(
        URI endpoint, String region, String bucket, String accessKey, String secretKey, boolean pathStyleAccess) {

    public S3Settings {
        Objects.requireNonNull(region, "region");
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("an S3 bucket name is required (keel.s3.bucket)");
        }
    }

    boolean hasStaticCredentials() {
        return accessKey != null && !accessKey.isBlank() && secretKey != null && !secretKey.isBlank();
    }
}
