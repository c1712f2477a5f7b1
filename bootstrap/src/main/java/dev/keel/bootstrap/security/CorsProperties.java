package dev.keel.bootstrap.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The browser origins allowed to call the API ({@code keel.cors.allowed-origins}, e.g. {@code
 * https://app.example.com}); empty by default, so no cross-origin call is allowed until one is named.
 */
@ConfigurationProperties("keel.cors")
public record CorsProperties(@DefaultValue List<String> allowedOrigins) {}
