package dev.keel.bootstrap.web.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keel.bootstrap.web.error.ApiException;
import dev.keel.bootstrap.web.error.ProblemTypes;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/** Cursors survive the round trip through a client, and anything else is the 400 a list has always answered. */
class CursorsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "019a8f2e-5c3b-7d10-8000-000000000001",
                "00000000-0000-0000-0000-000000000000",
                "ffffffff-ffff-ffff-ffff-ffffffffffff",
                "80000000-0000-7000-8000-000000000000"
            })
    void anEncodedIdDecodesToItself(String id) {
        UUID uuid = UUID.fromString(id);

        String cursor = Cursors.encode(uuid);

        assertThat(Cursors.decode(cursor)).isEqualTo(uuid);
        // Safe in a query string as it is: URL-safe alphabet, no padding, nothing to escape.
        assertThat(cursor).hasSize(22).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-cursor", "", "!!!!", "AZqPLlw7fRCAAAAAAAAAAQ==x", "AZqPLlw7fRCAAAAAAAAA"})
    void aCursorThisApiNeverHandedOutIsA400ValidationProblem(String cursor) {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> Cursors.decode(cursor));

        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.type()).isEqualTo(ProblemTypes.VALIDATION);
        assertThat(refused).hasMessage("The cursor is not one this API handed out; start again without it.");
    }

    @ParameterizedTest
    @ValueSource(ints = {15, 17, 32})
    void wellFormedBase64OfTheWrongLengthIsRefusedToo(int length) {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[length]);

        ApiException refused = catchThrowableOfType(ApiException.class, () -> Cursors.decode(cursor));

        assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.type()).isEqualTo(ProblemTypes.VALIDATION);
    }
}
