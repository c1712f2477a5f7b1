package dev.keel.bootstrap.config;

import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code keel.attachments.*}: how large an upload may be, which content types are accepted, and
 * how long a download link lives.
 */
@ConfigurationProperties("keel.attachments")
public record AttachmentProperties(DataSize maxSize, Set<String> allowedContentTypes, Duration downloadLifetime) {}
