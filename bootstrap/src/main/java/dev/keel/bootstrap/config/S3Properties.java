package dev.keel.bootstrap.config;

import dev.keel.infrastructure.storage.s3.S3Settings;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code keel.s3.*}: the bucket and how to reach it. Leave {@code endpoint} and the keys empty
 * on AWS to use the region's endpoint and the default credentials chain.
 */
@ConfigurationProperties("keel.s3")
public record S3Properties(
        URI endpoint, String region, String bucket, String accessKey, String secretKey, boolean pathStyleAccess) {

    public S3Settings toSettings() {
        return new S3Settings(endpoint, region, bucket, accessKey, secretKey, pathStyleAccess);
    }
}
