package dev.keel.bootstrap.web.common;

import dev.keel.bootstrap.web.error.ApiException;
import dev.keel.bootstrap.web.error.ProblemTypes;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/**
 * Opaque list cursors: the last id of a page, base64url-encoded, so clients pass them back
 * without building or reading them, and the keyset behind them can change.
 */
public final class Cursors {

    /** The query parameter a list takes its cursor from, and the next link sets. */
    public static final String PARAMETER = "cursor";

    private Cursors() {}

    public static String encode(UUID lastId) {
        ByteBuffer bytes = ByteBuffer.allocate(16)
                .putLong(lastId.getMostSignificantBits())
                .putLong(lastId.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** @throws ApiException 400 when the cursor is not one {@link #encode} made */
    public static UUID decode(String cursor) {
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            if (bytes.length != 16) {
                throw new IllegalArgumentException();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new UUID(buffer.getLong(), buffer.getLong());
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    ProblemTypes.VALIDATION,
                    "The cursor is not one this API handed out; start again without it.");
        }
    }
}
