package dev.keel.bootstrap.security;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Spring Boot's decoder finds the issuer's keys on first use; while the issuer cannot be reached it throws an
 * exception no filter handles (a 500). Wrapped, that becomes a {@link JwtException}, which Spring Security reports as
 * an authentication service failure, answered 503 (the token may be fine; the issuer is down) and retried on the
 * next request. Boot's decoder and its validators (issuer, audience, times) are kept as they are.
 */
final class IssuerOutages implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof JwtDecoder decoder && !(bean instanceof OutageAware)) {
            return new OutageAware(decoder);
        }
        return bean;
    }

    private record OutageAware(JwtDecoder delegate) implements JwtDecoder {
        @Override
        public Jwt decode(String token) {
            try {
                return delegate.decode(token);
            } catch (JwtDecoderInitializationException e) {
                throw new JwtException("The token issuer cannot be reached: " + e.getMessage(), e);
            }
        }
    }
}
