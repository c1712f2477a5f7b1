package dev.keel.bootstrap.web.common;

import dev.keel.bootstrap.web.error.ApiException;
import dev.keel.bootstrap.web.error.ProblemTypes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * An aggregate's version as its ETag, and the version an If-Match names: the optimistic lock of
 * every change. Only one strong tag this API handed out names a version; a weak tag, {@code *} or
 * a list names none, so they are refused rather than guessed at.
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
     * The version an If-Match names. Without one a change could silently undo someone else's.
     *
     * @throws ApiException 428 when the header is absent or blank, 412 when it is not one ETag
     *                      this API handed out
     */
    public static long versionFromIfMatch(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(
                    HttpStatus.PRECONDITION_REQUIRED,
                    ProblemTypes.PRECONDITION_REQUIRED,
                    "Send If-Match with the ETag of the version you changed, so no one else's change is lost.");
        }
        Matcher matcher = STRONG_ETAG.matcher(ifMatch.strip());
        if (!matcher.matches()) {
            throw new ApiException(
                    HttpStatus.PRECONDITION_FAILED,
                    ProblemTypes.STALE_VERSION,
                    "If-Match must be an ETag this API handed out, such as \"3\".");
        }
        return Long.parseLong(matcher.group(1));
    }
}
