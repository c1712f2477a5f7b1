package dev.keel.bootstrap.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What came back on the socket. Status 0 means no HTTP answer at all (the connection was
 * closed or reset first); {@code failure} then says why.
 */
record RawResponse(int status, List<Header> headers, byte[] body, String failure) {

    static RawResponse none(String why) {
        return new RawResponse(0, List.of(), new byte[0], why);
    }

    /** Parses a whole HTTP/1.1 answer read up to EOF; chunked bodies are joined. */
    static RawResponse parse(byte[] raw, String failure) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            return none(
                    raw.length == 0
                            ? "no bytes before the connection ended" + failure
                            : "no complete head: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            return none("not a status line: " + lines[0]);
        }
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new Header(
                        lines[i].substring(0, colon).strip(),
                        lines[i].substring(colon + 1).strip()));
            }
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        RawResponse response = new RawResponse(status, headers, body, failure);
        String encoding = response.header("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")
                ? new RawResponse(status, headers, dechunk(body), failure)
                : response;
    }

    @Nullable
    String header(String name) {
        return headers.stream()
                .filter(header -> header.name().equalsIgnoreCase(name))
                .map(Header::value)
                .findFirst()
                .orElse(null);
    }

    String contentType() {
        String type = header("Content-Type");
        return type == null ? "" : type.toLowerCase(Locale.ROOT);
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean isError() {
        return status >= 400 || status == 0;
    }

    String describe() {
        if (status == 0) {
            return "  no HTTP answer: " + failure + "\n";
        }
        StringBuilder text = new StringBuilder("  HTTP ").append(status).append('\n');
        headers.forEach(header -> text.append("  ")
                .append(header.name())
                .append(": ")
                .append(Printable.of(header.value(), 200))
                .append('\n'));
        return text.append("  ").append(Printable.of(text(), 600)).append('\n').toString();
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(chunked, at, chunked.length), new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, at, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].strip();
            int size;
            try {
                size = Integer.parseInt(sizeText, 16);
            } catch (NumberFormatException e) {
                break;
            }
            at += lineEnd + 2;
            if (size == 0 || at + size > chunked.length) {
                break;
            }
            out.write(chunked, at, size);
            at += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
