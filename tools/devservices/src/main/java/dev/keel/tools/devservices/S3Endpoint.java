package dev.keel.tools.devservices;

import java.net.URI;

/** Where an S3-protocol server answers, its credentials and the bucket the application uses. */
public record S3Endpoint(URI endpoint, String region, String accessKey, String secretKey, String bucket) {}
