package dev.keel.bootstrap.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's {@link DefaultBearerTokenResolver}, with its commonest case done without a regular expression:
 * it matches every {@code Authorization} header, hundreds of characters long, against one, which was a twentieth of
 * a read's CPU (docs/performance.md). A header of the form {@code Bearer <token>} (any case, the token's characters
 * those of RFC 6750) on a request that carries no {@code access_token} parameter is answered here; anything else,
 * including every error, goes to Spring's resolver, so the answers are its own.
 */
final class BearerTokenHeader implements BearerTokenResolver {

    private static final String SCHEME = "Bearer ";
    private static final String PARAMETER = "access_token";

    private final DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && isBearerToken(header) && !mayCarryParameter(request)) {
            return header.substring(SCHEME.length());
        }
        return standard.resolve(request);
    }

    /** What {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, case-insensitive, matches. */
    static boolean isBearerToken(String header) {
        if (!header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        int end = header.length();
        while (end > SCHEME.length() && header.charAt(end - 1) == '=') {
            end--;
        }
        if (end == SCHEME.length()) {
            return false;
        }
        for (int i = SCHEME.length(); i < end; i++) {
            if (!isTokenCharacter(header.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isTokenCharacter(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }

    /** Where Spring's resolver also looks for a token (and refuses a second one): the query or a form body. */
    private static boolean mayCarryParameter(HttpServletRequest request) {
        String query = request.getQueryString();
        return (query != null && query.contains(PARAMETER))
                || "application/x-www-form-urlencoded".equals(request.getContentType());
    }
}
