package dev.keel.bootstrap.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A token already checked in full (signature, issuer, audience, times, subject) is not checked again for a short
 * while: a client sends the same bearer token on every request, and its RSA signature check and JSON parsing were the
 * largest cost of a read (docs/performance.md). The same bytes verify the same way, so the answer is reused until
 * {@link #TTL} has passed or the token expires, whichever comes first; a token that fails is never kept, and a token
 * whose key the issuer withdraws is refused again at most {@link #TTL} later. At most {@link #MAX_TOKENS} tokens are
 * kept (all are dropped when it is full).
 */
final class VerifiedTokens implements JwtDecoder {

    static final Duration TTL = Duration.ofSeconds(60);
    static final int MAX_TOKENS = 4096;

    private final JwtDecoder delegate;
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
    }

    JwtDecoder delegate() {
        return delegate;
    }

    @Override
    public Jwt decode(String token) {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.until())) {
                return known.jwt();
            }
            verified.remove(token, known);
        }
        Jwt jwt = delegate.decode(token);
        Instant until = now.plus(TTL);
        if (jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(until)) {
            until = jwt.getExpiresAt();
        }
        if (now.isBefore(until)) {
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
            verified.put(token, new Verified(jwt, until));
        }
        return jwt;
    }

    private record Verified(Jwt jwt, Instant until) {}
}
