package dev.keel.bootstrap.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The HTTP API under a seeded, bounded fuzz: every operation of its OpenAPI document, valid and
 * malformed, over real sockets, on PostgreSQL 17 and S3 (docs/testing.md#the-api-fuzz-test).
 * Known defects being fixed are listed in {@link KnownDefect}; anything else fails with the
 * request, the answer, the invariant broken and the seed.
 */
@IntegrationTest
class ApiFuzzTest {

    @LocalServerPort
    int port;

    @Test
    void theApiKeepsItsInvariantsUnderFuzzing() {
        FuzzSettings settings = FuzzSettings.fromEnvironment();
        RawHttpClient http = new RawHttpClient("127.0.0.1", port);
        RawResponse document = http.send(RawRequest.of("OpenAPI document", "GET", "/v3/api-docs"));
        assertThat(document.status()).as(document.describe()).isEqualTo(200);
        ApiDescription api = ApiDescription.parse(Json.parse(document.text()).orElseThrow());
        if (api.operations().isEmpty()) {
            System.out.println(
                    "API fuzz: the OpenAPI document has no operations (make remove-example?): nothing to fuzz");
            return;
        }
        assertThat(api.collections())
                .as("collections (created, then read by id) among %s", api.operations())
                .isNotEmpty();

        long start = System.nanoTime();
        FuzzReport report = new FuzzRun(api, http, settings).run();
        long millis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("API fuzz operations: " + api.operations());
        System.out.println(report.summary(http.sent(), millis));
        assertThat(report.unexplained()).as(report::failureMessage).isEmpty();
    }
}
