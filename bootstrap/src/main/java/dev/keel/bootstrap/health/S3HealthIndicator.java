package dev.keel.bootstrap.health;

import dev.keel.bootstrap.config.S3Properties;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.S3Client;

/** Reports DOWN when the application's bucket does not answer, so readiness waits for storage. */
@Component("s3")
class S3HealthIndicator extends AbstractHealthIndicator {

    private final S3Client s3;
    private final String bucket;

    S3HealthIndicator(S3Client s3, S3Properties properties) {
        super("S3 health check failed");
        this.s3 = s3;
        this.bucket = properties.bucket();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        s3.headBucket(request -> request.bucket(bucket));
        builder.up().withDetail("bucket", bucket);
    }
}
