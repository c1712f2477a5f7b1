package dev.keel.bootstrap.security;

import dev.keel.bootstrap.observability.TraceIds;
import dev.keel.bootstrap.web.error.SecurityProblems;
import io.micrometer.tracing.Tracer;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API is an OAuth2 resource server: every {@code /api} request carries a JWT from the configured issuer
 * (signature, {@code exp}, {@code nbf}, {@code iss} and {@code aud} checked by Spring Boot's decoder, from {@code
 * spring.security.oauth2.resourceserver.jwt}) and the scope {@link ResourceScopes} names. Probes stay open; other
 * actuator endpoints need a token. No sessions and no cookies, so no CSRF token either: a forged cross-site request
 * has no bearer token to ride on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(CorsProperties.class)
public class SecurityConfiguration {

    /** Static: a post-processor must exist before the beans it wraps. */
    @Bean
    static IssuerOutages issuerOutages() {
        return new IssuerOutages();
    }

    /**
     * Static, like {@link #issuerOutages()}: a token checked in full is reused for a minute at most
     * ({@link VerifiedTokens}), not checked again on every request that carries it.
     */
    @Bean
    static BeanPostProcessor verifiedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder, Clock.systemUTC())
                        : bean;
            }
        };
    }

    @Bean
    SecurityProblems securityProblems(JsonMapper json, ObjectProvider<Tracer> tracer) {
        return new SecurityProblems(json, new TraceIds(tracer));
    }

    /**
     * No observations of Spring Security's own (a span around each filter of its chain, each authentication and each
     * authorization): they say little that the request's span does not, and even switched off by name each filter ran
     * wrapped in one. The request's span and the JDBC spans stay (docs/performance.md).
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring Security's firewall, letting any method through: Spring MVC answers an unknown one 405 with
     * {@code Allow}, where the firewall would say 400. Its character rules as its own, checked without regular
     * expressions ({@link HeaderCharacters}).
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setUnsafeAllowAnyHttpMethod(true);
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedInName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedInValue);
        firewall.setAllowedParameterNames(HeaderCharacters::allowedInName);
        return firewall;
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProblems problems, CorsProperties cors) throws Exception {
        CorsFilter corsFilter = new CorsFilter(corsConfigurationSource(cors));
        corsFilter.setCorsProcessor(problems.corsProcessor());
        return http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Filters for a browser's session, each run on every request: no logout (there is no session to
                // end), no saved request to return to after a login page. The servlet API's stays: the actuator
                // asks the request for its user and roles (health details, when authorized).
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                // Before the token is looked at: a preflight carries none.
                .cors(builtIn -> builtIn.disable())
                .addFilterBefore(corsFilter, BearerTokenAuthenticationFilter.class)
                .headers(headers -> headers.referrerPolicy(
                        referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(requests -> requests.requestMatchers("/api", "/api/**")
                        .access(new ResourceScopes())
                        .requestMatchers("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers("/actuator", "/actuator/**")
                        .hasAuthority("SCOPE_actuator:read") // metrics (prometheus) and anything exposed later
                        // The contract, Swagger UI, the error page, and paths that are not there (404 as before).
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new BearerTokenHeader())
                        .jwt(Customizer.withDefaults())
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .withObjectPostProcessor(issuerOutagesAnswered(problems)))
                .exceptionHandling(exceptions ->
                        exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /**
     * By default a token that cannot be checked because the issuer is down escapes the filter as an exception (a
     * 500); handed to the entry point instead, it is answered 503.
     */
    private static ObjectPostProcessor<BearerTokenAuthenticationFilter> issuerOutagesAnswered(
            SecurityProblems problems) {
        return new ObjectPostProcessor<>() {
            @Override
            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(problems);
                failures.setRethrowAuthenticationServiceException(false);
                filter.setAuthenticationFailureHandler(failures);
                return filter;
            }
        };
    }

    /** Cross-origin calls only from the origins configured (none by default), with the API's methods and headers. */
    private static CorsConfigurationSource corsConfigurationSource(CorsProperties cors) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(cors.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "If-None-Match"));
        configuration.setExposedHeaders(List.of("ETag", "Location", "Link", "Retry-After", "WWW-Authenticate"));
        configuration.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", configuration);
        return source;
    }
}
