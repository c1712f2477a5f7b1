package dev.keel.bootstrap.fuzz;

import dev.keel.bootstrap.support.Tokens;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP/1.1 request written byte for byte, so it can be anything a real client refuses to
 * send: a bad method, an invalid target, raw UTF-8 in headers, a body shorter than announced.
 *
 * @param label        what the generator meant, for the failure report
 * @param missingBytes how many bytes the Content-Length announces beyond the body actually sent
 */
record RawRequest(String label, String method, String target, List<Header> headers, byte[] body, int missingBytes) {

    RawRequest {
        headers = List.copyOf(headers);
    }

    static RawRequest of(String label, String method, String target) {
        return new RawRequest(label, method, target, List.of(), new byte[0], 0);
    }

    RawRequest labelled(String newLabel) {
        return new RawRequest(newLabel, method, target, headers, body, missingBytes);
    }

    RawRequest withMethod(String newMethod) {
        return new RawRequest(label, newMethod, target, headers, body, missingBytes);
    }

    RawRequest withTarget(String newTarget) {
        return new RawRequest(label, method, newTarget, headers, body, missingBytes);
    }

    RawRequest withBody(byte[] newBody) {
        return new RawRequest(label, method, target, headers, newBody, missingBytes);
    }

    RawRequest withBody(String json) {
        return withBody(json.getBytes(StandardCharsets.UTF_8));
    }

    RawRequest withMissingBytes(int missing) {
        return new RawRequest(label, method, target, headers, body, missing);
    }

    /** Replaces every header of that name (case-insensitively). */
    RawRequest withHeader(String name, String value) {
        List<Header> kept = new ArrayList<>(without(name));
        kept.add(new Header(name, value));
        return new RawRequest(label, method, target, kept, body, missingBytes);
    }

    /** Adds a header even when one of that name is there: duplicates are part of the fuzz. */
    RawRequest plusHeader(String name, String value) {
        List<Header> more = new ArrayList<>(headers);
        more.add(new Header(name, value));
        return new RawRequest(label, method, target, more, body, missingBytes);
    }

    RawRequest withoutHeader(String name) {
        return new RawRequest(label, method, target, without(name), body, missingBytes);
    }

    @Nullable
    String header(String name) {
        return headers.stream()
                .filter(header -> header.name().equalsIgnoreCase(name))
                .map(Header::value)
                .findFirst()
                .orElse(null);
    }

    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    String query() {
        int query = target.indexOf('?');
        return query < 0 ? "" : target.substring(query + 1);
    }

    boolean isSafe() {
        return List.of("GET", "HEAD", "OPTIONS").contains(method);
    }

    /** The bytes on the wire; every request closes its connection, so the answer ends at EOF. */
    byte[] bytes(String hostAndPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head =
                new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        if (header("Host") == null) {
            head.append("Host: ").append(hostAndPort).append("\r\n");
        }
        if (header("Authorization") == null) {
            head.append("Authorization: ").append(Tokens.ALL_SCOPES).append("\r\n");
        }
        headers.forEach(header ->
                head.append(header.name()).append(": ").append(header.value()).append("\r\n"));
        if (header("Content-Length") == null && header("Transfer-Encoding") == null && hasContent()) {
            head.append("Content-Length: ").append(body.length + missingBytes).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private boolean hasContent() {
        return body.length > 0
                || missingBytes > 0
                || List.of("POST", "PUT", "PATCH").contains(method);
    }

    private List<Header> without(String name) {
        return headers.stream()
                .filter(header -> !header.name().equalsIgnoreCase(name))
                .toList();
    }

    /** The request as a reader can take it in: control characters escaped, long parts cut. */
    String describe() {
        StringBuilder text = new StringBuilder("  [" + label + "]\n  ")
                .append(Printable.of(method, 80))
                .append(' ')
                .append(Printable.of(target, 400))
                .append('\n');
        headers.forEach(header -> text.append("  ")
                .append(Printable.of(header.name(), 80))
                .append(": ")
                .append(Printable.of(header.value(), 300))
                .append('\n'));
        if (body.length > 0 || missingBytes > 0) {
            text.append("  body (")
                    .append(body.length)
                    .append(" bytes")
                    .append(missingBytes > 0 ? ", " + missingBytes + " more announced but never sent" : "")
                    .append("): ")
                    .append(Printable.of(new String(body, StandardCharsets.UTF_8), 400))
                    .append('\n');
        }
        return text.toString();
    }

    String methodUpper() {
        return method.toUpperCase(Locale.ROOT);
    }
}
