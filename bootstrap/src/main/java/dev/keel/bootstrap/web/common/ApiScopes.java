package dev.keel.bootstrap.web.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpMethod;

/**
 * The OAuth2 scope each operation of the API needs, in one place: the OpenAPI document states it
 * ({@link ApiDocumentRules}) and the security configuration enforces it, so the two cannot drift.
 * Reading (GET, HEAD) needs {@link #READ}; every other method changes something and needs
 * {@link #WRITE}.
 */
public final class ApiScopes {

    public static final String READ = "widgets:read";
    public static final String WRITE = "widgets:write";

    /** The paths these scopes guard, as a Spring path pattern (it matches the collection itself too). */
    public static final String WIDGET_PATHS = "/api/widgets/**";

    /** Every scope with what it allows, in the order the document lists them. */
    public static final Map<String, String> DESCRIPTIONS = descriptions();

    private static final String WIDGETS = "/api/widgets";

    private ApiScopes() {}

    /** The scope an operation needs; empty for a path no scope guards yet (a new resource must add one). */
    public static Optional<String> requiredFor(HttpMethod method, String path) {
        if (!path.equals(WIDGETS) && !path.startsWith(WIDGETS + "/")) {
            return Optional.empty();
        }
        return Optional.of(isRead(method) ? READ : WRITE);
    }

    /** The authority Spring Security grants for a scope of the token ({@code SCOPE_widgets:read}). */
    public static String authority(String scope) {
        return "SCOPE_" + scope;
    }

    private static boolean isRead(HttpMethod method) {
        return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD);
    }

    private static Map<String, String> descriptions() {
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put(READ, "read widgets");
        scopes.put(WRITE, "create, change, archive widgets and their files");
        return Collections.unmodifiableMap(scopes);
    }
}
