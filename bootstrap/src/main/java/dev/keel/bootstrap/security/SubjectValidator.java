package dev.keel.bootstrap.security;

import dev.keel.domain.common.Actor;
import dev.keel.domain.common.RuleViolationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Refuses a token whose {@code sub} cannot be recorded as who did it (absent, blank, longer than
 * {@link Actor#MAX_LENGTH}): 401 {@code invalid_token}, like any other bad claim, before a
 * controller runs. Spring Boot adds it to the checks of its JWT decoder.
 */
public final class SubjectValidator implements OAuth2TokenValidator<Jwt> {

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String subject = token.getSubject();
        if (subject == null) {
            return invalid("The token has no sub claim.");
        }
        try {
            new Actor(subject);
            return OAuth2TokenValidatorResult.success();
        } catch (RuleViolationException e) {
            return invalid("The token's sub claim is no valid actor: " + e.getMessage() + ".");
        }
    }

    private static OAuth2TokenValidatorResult invalid(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
