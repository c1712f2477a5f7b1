package dev.keel.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The quick path answers exactly what Spring's resolver answers, token or error, on every kind of header. */
class BearerTokenHeaderTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl-_~+/";

    @Test
    void answersAsSpringsResolverDoes() {
        List<@Nullable String> headers = new ArrayList<>(List.of(
                "Bearer " + JWT,
                "bearer " + JWT,
                "BEARER " + JWT,
                "Bearer " + JWT + "==",
                "Bearer abc=def",
                "Bearer =",
                "Bearer ",
                "Bearer",
                "Bearer  " + JWT,
                "Bearer " + JWT + " ",
                "Bearer " + JWT + "\n",
                "Bearer " + JWT + ",x",
                "Bearer tök",
                "Bearer a-b.c_d~e+f/g",
                "Bearer 9-.",
                "Bearer a:b",
                "Basic dXNlcjpwYXNz",
                "Bearerx " + JWT,
                "DPoP " + JWT,
                ""));
        headers.add(null);
        List<String> queries = List.of("", "limit=5", "access_token=" + JWT, "x=access_token");
        int quick = 0;
        for (@Nullable String header : headers) {
            for (String query : queries) {
                for (String method : List.of("GET", "POST")) {
                    MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/widgets");
                    if (header != null) {
                        request.addHeader("Authorization", header);
                    }
                    if (!query.isEmpty()) {
                        request.setQueryString(query);
                        request.addParameter(
                                query.substring(0, query.indexOf('=')), query.substring(query.indexOf('=') + 1));
                    }
                    String expected = answer(new DefaultBearerTokenResolver()::resolve, request);
                    assertThat(answer(new BearerTokenHeader()::resolve, request))
                            .as("%s %s?%s", header, method, query)
                            .isEqualTo(expected);
                    if (header != null && BearerTokenHeader.isBearerToken(header)) {
                        quick++;
                    }
                }
            }
        }
        assertThat(quick).as("the quick path was taken").isGreaterThan(0);
    }

    @Test
    void recognisesWhatTheRegularExpressionDoes() {
        assertThat(BearerTokenHeader.isBearerToken("Bearer " + JWT)).isTrue();
        assertThat(BearerTokenHeader.isBearerToken("bEaReR a==")).isTrue();
        assertThat(BearerTokenHeader.isBearerToken("Bearer a=b")).isFalse();
        assertThat(BearerTokenHeader.isBearerToken("Bearer ==")).isFalse();
        assertThat(BearerTokenHeader.isBearerToken("Bearer a b")).isFalse();
        assertThat(BearerTokenHeader.isBearerToken("Basic a")).isFalse();
    }

    private static String answer(Resolver resolver, MockHttpServletRequest request) {
        try {
            return "token " + Objects.toString(resolver.resolve(request));
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + ": "
                    + e.getError().getDescription();
        }
    }

    private interface Resolver {
        @Nullable
        String resolve(MockHttpServletRequest request);
    }
}
