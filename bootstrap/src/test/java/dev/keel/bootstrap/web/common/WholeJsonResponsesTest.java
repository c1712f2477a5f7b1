package dev.keel.bootstrap.web.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.support.IntegrationTest;
import dev.keel.bootstrap.support.RawHttp;
import dev.keel.bootstrap.web.widget.WidgetApiIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** JSON answers, problems included, go out whole with their length; other types flush as they ask. */
@IntegrationTest
class WholeJsonResponsesTest {

    @LocalServerPort
    int port;

    @Test
    void aWidgetAPageAndAProblemEachComeWithTheirLengthAndUnchunked() throws Exception {
        String id = WidgetApiIntegrationTest.createSample(port);
        RawHttp http = new RawHttp(port);

        assertWhole(http.request("GET", "/api/widgets/" + id), 200);
        assertWhole(http.request("GET", "/api/widgets?limit=5"), 200);
        RawHttp.Response missing = http.request("GET", "/api/widgets/" + UUID.randomUUID());
        assertWhole(missing, 404);
        assertThat(missing.header("Content-Type")).hasValue("application/problem+json");
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
