package dev.keel.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.domain.common.Actor;
import java.lang.reflect.Method;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.ServletWebRequest;

class ActorArgumentResolverTest {

    private final ActorArgumentResolver resolver = new ActorArgumentResolver();

    @SuppressWarnings("unused") // its parameters are what the resolver is asked about
    void handler(Actor actor, String name) {}

    private static MethodParameter parameter(int index) throws NoSuchMethodException {
        Method handler = ActorArgumentResolverTest.class.getDeclaredMethod("handler", Actor.class, String.class);
        return new MethodParameter(handler, index);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void fillsActorParametersOnly() throws Exception {
        assertThat(resolver.supportsParameter(parameter(0))).isTrue();
        assertThat(resolver.supportsParameter(parameter(1))).isFalse();
    }

    @Test
    void theActorIsTheVerifiedTokensSubject() throws Exception {
        Jwt token = Jwt.withTokenValue("token")
                .header("alg", "RS256")
                .subject("alice")
                .build();
        SecurityContextHolder.getContext().setAuthentication(new JwtAuthenticationToken(token));

        assertThat(resolver.resolveArgument(
                        parameter(0), null, new ServletWebRequest(new MockHttpServletRequest()), null))
                .isEqualTo(new Actor("alice"));
    }

    @Test
    void withoutAVerifiedTokenThereIsNoActorToGuess() throws Exception {
        ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest());
        assertThatThrownBy(() -> resolver.resolveArgument(parameter(0), null, request, null))
                .isInstanceOf(IllegalStateException.class);

        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("someone", "password"));
        assertThatThrownBy(() -> resolver.resolveArgument(parameter(0), null, request, null))
                .as("another kind of authentication")
                .isInstanceOf(IllegalStateException.class);
    }
}
