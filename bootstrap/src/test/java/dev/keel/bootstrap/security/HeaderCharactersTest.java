package dev.keel.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's header and parameter rules answer as StrictHttpFirewall's regular expressions do, on every character. */
class HeaderCharactersTest {

    // StrictHttpFirewall's own expressions (Spring Security 7.1).
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void answersAsTheFirewallsExpressionsOnEveryCodePoint() {
        List<String> disagreements = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = Character.toString(codePoint);
            check(alone, disagreements);
            check("Bearer " + alone + "abc", disagreements);
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void answersAsTheFirewallsExpressionsOnPairsAndLoneSurrogates() {
        List<String> disagreements = new ArrayList<>();
        for (String text : List.of(
                "",
                "application/json",
                "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl",
                "a\tb",
                "a\nb",
                "a\rb",
                "a\u0000",
                "\u007f",
                "caf\u00e9",
                "\ud83d\ude00",
                "x\ud83dy",
                "\ude00x",
                "\ud83d",
                "\ud83d\ud83d\ude00",
                "\u0378",
                "\uffff")) {
            check(text, disagreements);
        }
        assertThat(disagreements).isEmpty();
        assertThat(HeaderCharacters.allowedInValue("a\tb")).isTrue();
        assertThat(HeaderCharacters.allowedInName("a\tb")).isFalse();
        assertThat(HeaderCharacters.allowedInValue("a\nb")).isFalse();
    }

    private static void check(String text, List<String> disagreements) {
        if (HeaderCharacters.allowedInName(text) != NAME.matcher(text).matches()
                || HeaderCharacters.allowedInValue(text) != VALUE.matcher(text).matches()) {
            disagreements.add(
                    text.codePoints().mapToObj(Integer::toHexString).toList().toString());
        }
    }
}
