package dev.keel.bootstrap.web.common;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Link header values (RFC 8288): a list names its next page here as well as in its body. */
public final class Links {

    private Links() {}

    /** {@code <uri>; rel="rel"}. */
    public static String of(String uri, String rel) {
        return "<" + uri + ">; rel=\"" + rel + "\"";
    }

    /** The next page: the current request's URL with its cursor replaced, every other parameter kept. */
    public static String nextPage(String cursor) {
        return of(
                ServletUriComponentsBuilder.fromCurrentRequest()
                        .replaceQueryParam(Cursors.PARAMETER, cursor)
                        .build()
                        .toUriString(),
                "next");
    }
}
