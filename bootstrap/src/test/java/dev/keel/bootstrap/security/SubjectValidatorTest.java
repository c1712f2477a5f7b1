package dev.keel.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;

class SubjectValidatorTest {

    private final SubjectValidator validator = new SubjectValidator();

    private static Jwt token(Consumer<Jwt.Builder> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("token").header("alg", "RS256").claim("scope", "widgets:read");
        claims.accept(builder);
        return builder.build();
    }

    @Test
    void acceptsASubjectThatCanBeRecordedAsTheActor() {
        assertThat(validator.validate(token(jwt -> jwt.subject("alice"))).hasErrors())
                .isFalse();
        assertThat(validator
                        .validate(token(jwt -> jwt.subject("x".repeat(255))))
                        .hasErrors())
                .isFalse();
    }

    @Test
    void refusesATokenWithoutASubjectOrWithOneNoColumnCanHold() {
        for (Jwt refused :
                new Jwt[] {token(jwt -> {}), token(jwt -> jwt.subject(" ")), token(jwt -> jwt.subject("x".repeat(256)))
                }) {
            assertThat(validator.validate(refused).getErrors())
                    .extracting(OAuth2Error::getErrorCode)
                    .containsExactly("invalid_token");
        }
    }
}
