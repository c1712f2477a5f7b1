package dev.keel.bootstrap.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The scope an API request needs, by convention rather than by list, so a new resource is protected the day it is
 * added: {@code /api/{resource}/...} needs {@code {resource}:read} to GET or HEAD and {@code {resource}:write} for
 * anything else ({@code /api/widgets} → {@code widgets:read}, {@code widgets:write}). The resource is read from the
 * decoded path, as Spring MVC dispatches it, so an encoded letter cannot slip past.
 */
public final class ResourceScopes implements AuthorizationManager<RequestAuthorizationContext> {

    public static final String READ = "read";
    public static final String WRITE = "write";

    private static final RequestMatcher RESOURCE =
            PathPatternRequestMatcher.withDefaults().matcher("/api/{resource}/**");
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    /** The scope {@code method} on {@code resource} needs: {@code resource:read} or {@code resource:write}. */
    public static String scope(String resource, String method) {
        boolean reads = HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method);
        return resource + ":" + (reads ? READ : WRITE);
    }

    static Optional<String> required(HttpServletRequest request) {
        RequestMatcher.MatchResult match = RESOURCE.matcher(request);
        if (!match.isMatch()) {
            return Optional.empty();
        }
        return Optional.of(scope(match.getVariables().get("resource"), request.getMethod()));
    }

    @Override
    public AuthorizationResult authorize(
            Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        Authentication caller = authentication.get();
        if (!TRUST.isAuthenticated(caller)) {
            return new AuthorizationDecision(false);
        }
        Optional<String> scope = required(context.getRequest());
        if (scope.isEmpty()) {
            return new AuthorizationDecision(true); // /api itself: nothing there to protect
        }
        String authority = "SCOPE_" + scope.get();
        return new AuthorizationDecision(caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(authority::equals));
    }
}
