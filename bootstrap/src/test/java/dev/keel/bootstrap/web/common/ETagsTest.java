package dev.keel.bootstrap.web.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keel.bootstrap.web.error.ApiException;
import dev.keel.bootstrap.web.error.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** Which If-Match values name a version, and the problem every other one gets. */
class ETagsTest {

    @Test
    void aVersionIsAStrongETag() {
        assertThat(ETags.forVersion(0)).isEqualTo("\"0\"");
        assertThat(ETags.forVersion(3)).isEqualTo("\"3\"");
    }

    @Test
    void theStaleVersionAnswerQuotesTheVersionTheSameWay() {
        // ProblemDetailsAdvice hands Spring the bare version for its 412; the header must match this format.
        for (long version : new long[] {0, 7, 999_999_999_999_999_999L}) {
            assertThat(org.springframework.http.ResponseEntity.ok()
                            .eTag(String.valueOf(version))
                            .build()
                            .getHeaders()
                            .getETag())
                    .isEqualTo(ETags.forVersion(version));
        }
    }

    @Test
    void theETagOfAVersionNamesThatVersionInIfMatch() {
        assertThat(ETags.versionFromIfMatch(ETags.forVersion(42))).hasValue(42);
        long largest = 999_999_999_999_999_999L;
        assertThat(ETags.versionFromIfMatch(ETags.forVersion(largest))).hasValue(largest);
    }

    @Test
    void aStrongETagNamesItsVersion() {
        assertThat(ETags.versionFromIfMatch("\"3\"")).hasValue(3);
        assertThat(ETags.versionFromIfMatch("  \"3\" ")).hasValue(3);
    }

    /** RFC 9110: "*" matches any current representation, so it names no version and none is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"*", " * "})
    void aStarNamesAnyCurrentVersion(String ifMatch) {
        assertThat(ETags.versionFromIfMatch(ifMatch)).isEmpty();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void noIfMatchIs428(String ifMatch) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> ETags.versionFromIfMatch(ifMatch));

        assertThat(refused.status()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
        assertThat(refused.type()).isEqualTo(ProblemTypes.PRECONDITION_REQUIRED);
        assertThat(refused)
                .hasMessage("Send If-Match with the ETag of the version you changed, so no one else's change is lost.");
    }

    /** A weak tag or a list names no single version: refused, never guessed at. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "W/\"3\"",
                "**",
                "*, \"3\"",
                "\"1\", \"2\"",
                "\"3\",\"3\"",
                "3",
                "\"3",
                "\"abc\"",
                "\"-1\"",
                "\"3.0\"",
                "\"\"",
                "\"99999999999999999999\""
            })
    void anythingButOneStrongETagThisApiHandedOutIs412(String ifMatch) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> ETags.versionFromIfMatch(ifMatch));

        assertThat(refused.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(refused.type()).isEqualTo(ProblemTypes.STALE_VERSION);
        assertThat(refused).hasMessage("If-Match must be an ETag this API handed out, such as \"3\".");
    }
}
