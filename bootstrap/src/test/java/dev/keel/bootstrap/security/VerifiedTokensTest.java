package dev.keel.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final AtomicInteger checks = new AtomicInteger();
    private Instant now = NOW;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private JwtDecoder expiringAt(Instant expiry) {
        return token -> {
            checks.incrementAndGet();
            if (token.startsWith("bad")) {
                throw new BadJwtException("bad signature");
            }
            return Jwt.withTokenValue(token)
                    .header("alg", "RS256")
                    .subject("alice")
                    .expiresAt(expiry)
                    .build();
        };
    }

    @Test
    void aTokenCheckedOnceIsNotCheckedAgainWithinTheTtl() {
        VerifiedTokens tokens = new VerifiedTokens(expiringAt(NOW.plus(Duration.ofHours(1))), clock);
        Jwt first = tokens.decode("a");
        now = NOW.plus(VerifiedTokens.TTL).minusSeconds(1);
        assertThat(tokens.decode("a")).isSameAs(first);
        assertThat(checks).hasValue(1);

        now = NOW.plus(VerifiedTokens.TTL);
        tokens.decode("a");
        assertThat(checks).hasValue(2);
        tokens.decode("b");
        assertThat(checks).hasValue(3);
    }

    @Test
    void aTokenIsCheckedAgainOnceItHasExpired() {
        VerifiedTokens tokens = new VerifiedTokens(expiringAt(NOW.plusSeconds(10)), clock);
        tokens.decode("a");
        now = NOW.plusSeconds(10);
        tokens.decode("a");
        assertThat(checks).hasValue(2);
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        VerifiedTokens tokens = new VerifiedTokens(expiringAt(NOW.plus(Duration.ofHours(1))), clock);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
        }
        assertThat(checks).hasValue(2);
    }
}
