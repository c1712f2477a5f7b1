package dev.keel.bootstrap.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * {@link StrictHttpFirewall}'s rule for the characters of header names and values and of parameter names, without its
 * regular expressions: every character assigned in Unicode and no control character, where a header value may also
 * hold a tab. The firewall matches each header it hands out against one, and the {@code Authorization} header of
 * every request is hundreds of characters long (docs/performance.md). Printable ASCII, nearly every character a
 * request carries, is answered before any Unicode lookup.
 */
final class HeaderCharacters {

    private HeaderCharacters() {}

    /** What {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} matches: header names and parameter names. */
    static boolean allowedInName(String name) {
        return allowed(name, false);
    }

    /** What {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} matches: header values. */
    static boolean allowedInValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 0x7f) {
                continue;
            }
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint) - 1;
            boolean control = Character.isISOControl(codePoint) && !(tab && codePoint == '\t');
            if (control || !Character.isDefined(codePoint)) {
                return false;
            }
        }
        return true;
    }
}
