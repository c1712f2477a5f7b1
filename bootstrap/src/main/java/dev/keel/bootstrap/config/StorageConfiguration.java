package dev.keel.bootstrap.config;

import dev.keel.bootstrap.observability.S3ClientMetrics;
import dev.keel.domain.storage.ObjectStorage;
import dev.keel.infrastructure.storage.s3.S3Clients;
import dev.keel.infrastructure.storage.s3.S3ObjectStorage;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** One S3 client and one presigner for the whole application, closed with the context. */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    @Bean(destroyMethod = "close")
    S3Client s3Client(S3Properties properties, MeterRegistry registry) {
        return S3Clients.client(properties.toSettings(), List.of(new S3ClientMetrics(registry)));
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(S3Properties properties) {
        return S3Clients.presigner(properties.toSettings());
    }

    @Bean
    ObjectStorage objectStorage(S3Client s3Client, S3Presigner s3Presigner, S3Properties properties) {
        return new S3ObjectStorage(s3Client, s3Presigner, properties.bucket());
    }
}
