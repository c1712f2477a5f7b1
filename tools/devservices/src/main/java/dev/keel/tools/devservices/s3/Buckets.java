package dev.keel.tools.devservices.s3;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.S3Endpoint;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Creates the application's bucket on a development S3 server, as compose's MinIO init does. */
public final class Buckets {

    private Buckets() {}

    public static S3Client client(S3Endpoint endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint.endpoint())
                .region(Region.of(endpoint.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static void ensureExists(S3Endpoint endpoint) {
        try (S3Client s3 = client(endpoint)) {
            try {
                s3.headBucket(request -> request.bucket(endpoint.bucket()));
            } catch (NoSuchBucketException e) {
                s3.createBucket(request -> request.bucket(endpoint.bucket()));
            }
        } catch (SdkException e) {
            throw new DevServiceException(
                    "Could not create bucket " + endpoint.bucket() + " on " + endpoint.endpoint() + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
