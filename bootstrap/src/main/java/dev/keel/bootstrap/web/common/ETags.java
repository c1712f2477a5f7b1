package dev.keel.bootstrap.web.common;

import dev.keel.bootstrap.web.error.ApiException;
import dev.keel.bootstrap.web.error.ProblemTypes;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * An aggregate's version as its ETag, and the version an If-Match names: the optimistic lock of
 * every change. One strong tag this API handed out names a version; {@code *} names any current
 * version (RFC 9110 13.1.1); a weak tag or a list names none, so they are refused rather than
 * guessed at.
 */
public final class ETags {

    // At most 18 digits, so any tag that matches fits a long.
    private static final Pattern STRONG_ETAG = Pattern.compile("\"(\\d{1,18})\"");

    private ETags() {}

    /** {@code "3"} for version 3: strong, since every stored change moves the version. */
    public static String forVersion(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-Match names, or none for {@code *}: the client accepts whatever version is
     * current. Without If-Match a change could silently undo someone else's.
     *
     * @throws ApiException 428 when the header is absent or blank, 412 when it is neither {@code *}
     *                      nor one ETag this API handed out
     */
    public static OptionalLong versionFromIfMatch(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(
                    HttpStatus.PRECONDITION_REQUIRED,
                    ProblemTypes.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the version you changed, so no one else's change is lost.");
        }
        if (ifMatch.strip().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher matcher = STRONG_ETAG.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw new ApiException(
                    HttpStatus.PRECONDITION_FAILED,
                    ProblemTypes.STALE_VERSION,
                    "If-Match must be an ETag this API handed out, such as \"3\".");
        }
        return OptionalLong.of(Long.parseLong(matcher.group(1)));
    }
}
