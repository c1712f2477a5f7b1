package dev.keel.bootstrap.security;

import dev.keel.domain.common.Actor;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller's {@link Actor} parameter the subject of the request's verified token, so
 * controllers learn who calls without knowing Spring Security. {@link SubjectValidator} has already
 * refused tokens whose subject is no valid actor.
 */
public final class ActorArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Actor.class);
    }

    @Override
    public Actor resolveArgument(
            MethodParameter parameter,
            @Nullable ModelAndViewContainer container,
            NativeWebRequest request,
            @Nullable WebDataBinderFactory binders) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token
                && token.getToken().getSubject() != null) {
            return new Actor(token.getToken().getSubject());
        }
        // Only an endpoint open without a token gets here: a mistake in the code, not the caller's.
        throw new IllegalStateException("no verified token on this request, so no actor for "
                + parameter.getExecutable().getName());
    }
}
