package dev.keel.bootstrap.web.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The Link header a page answers with: RFC 8288 syntax, pointing at this same list further on. */
class LinksTest {

    @AfterEach
    void forgetTheRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private static void currentRequest(String path, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setQueryString(query);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @Test
    void aLinkIsTheUriInAngleBracketsAndItsRelationQuoted() {
        assertThat(Links.of("https://api.example/things?cursor=abc", "next"))
                .isEqualTo("<https://api.example/things?cursor=abc>; rel=\"next\"");
    }

    @Test
    void theNextPageIsThisRequestWithTheNewCursorAndEveryOtherParameterKept() {
        currentRequest("/api/things", "status=ACTIVE&limit=2&cursor=AZqPLlw7fRCAAAAAAAAAAQ");

        assertThat(Links.nextPage("AZqPLlw7fRCAAAAAAAAAAg"))
                .isEqualTo(
                        "<http://localhost/api/things?status=ACTIVE&limit=2&cursor=AZqPLlw7fRCAAAAAAAAAAg>; rel=\"next\"");
    }

    @Test
    void theFirstPageGainsACursor() {
        currentRequest("/api/things", null);

        assertThat(Links.nextPage("AZqPLlw7fRCAAAAAAAAAAg"))
                .isEqualTo("<http://localhost/api/things?cursor=AZqPLlw7fRCAAAAAAAAAAg>; rel=\"next\"");
    }
}
