package dev.keel.tools.apicontract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docs/api-breaks.md: list items naming a break in backticks, then the reason. */
class AcceptedBreaksTest {

    @Test
    void anEntryNamesTheBreakAndItsReasonAndAnExampleAcceptsNothing() {
        AcceptedBreaks accepted = AcceptedBreaks.parse("""
                # Accepted API breaks

                ```
                - `GET /api/things: response 404 removed`: the form, shown
                ```

                - `POST /api/things: response 409 removed`: 422 now
                * `DELETE /api/things/{id}: operation removed`
                """);

        assertThat(accepted.entries())
                .containsExactly(
                        new AcceptedBreaks.Entry("POST /api/things: response 409 removed", "422 now", 7),
                        new AcceptedBreaks.Entry("DELETE /api/things/{id}: operation removed", "", 8));
        assertThat(accepted.entryFor(new ApiBreak("GET /api/things: response 404 removed")))
                .isEmpty();
        assertThat(accepted.entries().get(1).hasReason()).isFalse();
    }
}
