package dev.keel.bootstrap.web.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.support.IntegrationTest;
import dev.keel.bootstrap.support.RawHttp;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** JSON answers, problems included, go out whole with their length; other types flush as they ask. */
@IntegrationTest
class WholeJsonResponsesTest {

    @LocalServerPort
    int port;

    @Test
    void jsonAnswersAndProblemsComeWithTheirLengthAndUnchunked() throws Exception {
        RawHttp http = new RawHttp(port);

        RawHttp.Response health = http.request("GET", "/actuator/health");
        assertWhole(health, 200);
        assertThat(health.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).contains("json"));
        RawHttp.Response refused = http.request("GET", "/api/anything", "Authorization", "Bearer not-a-token");
        assertWhole(refused, 401);
        assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void onlyJsonIsHeldBack() {
        assertThat(WholeJsonResponses.isJson("application/json")).isTrue();
        assertThat(WholeJsonResponses.isJson("application/json;charset=UTF-8")).isTrue();
        assertThat(WholeJsonResponses.isJson("application/problem+json")).isTrue();
        assertThat(WholeJsonResponses.isJson("text/event-stream")).isFalse();
        assertThat(WholeJsonResponses.isJson("application/x-ndjson")).isFalse();
        assertThat(WholeJsonResponses.isJson("application/octet-stream")).isFalse();
        assertThat(WholeJsonResponses.isJson("not a type")).isFalse();
        assertThat(WholeJsonResponses.isJson(null)).isFalse();
    }

    private static void assertWhole(RawHttp.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Transfer-Encoding")).as("not chunked").isEmpty();
        assertThat(response.header("Content-Length"))
                .as("its length, as the body has it")
                .hasValue(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
    }
}
