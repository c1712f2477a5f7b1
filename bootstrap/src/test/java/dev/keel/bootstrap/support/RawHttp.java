package dev.keel.bootstrap.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 written byte by byte on a socket, for the requests java.net.http refuses to send: a
 * malformed query, a wildcard Content-Type, a body shorter than its Content-Length, TRACE.
 */
public final class RawHttp {

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    /** One response: its status, its headers (names in lower case) and its body, de-chunked. */
    public record Response(int status, Map<String, String> headers, String body) {

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    /** A request without a body (nor Content-Length). Headers come in name, value pairs. */
    public Response request(String method, String target, String... headers) throws IOException {
        return write(method, target, "", null, headers);
    }

    /** A request with a body whose Content-Length is its true length. */
    public Response send(String method, String target, String body, String... headers) throws IOException {
        return write(method, target, body, (long) body.getBytes(StandardCharsets.ISO_8859_1).length, headers);
    }

    /** A request whose body ends before the Content-Length it declares: the client gave up. */
    public Response sendCutShort(String method, String target, String body, long declaredLength, String... headers)
            throws IOException {
        return write(method, target, body, declaredLength, headers);
    }

    private Response write(String method, String target, String body, @Nullable Long contentLength, String... headers)
            throws IOException {
        StringBuilder request = new StringBuilder()
                .append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        boolean authorized = false;
        for (int i = 0; i < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            authorized |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (!authorized) {
            request.append("Authorization: ").append(Tokens.ALL_SCOPES).append("\r\n");
        }
        if (contentLength != null) {
            request.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        request.append("\r\n").append(body);
        return sendBytes(request.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Exactly these bytes; the writing side is shut afterwards, so a short body ends there. */
    public Response sendBytes(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Response parse(byte[] bytes) throws IOException {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IOException("No complete response head: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] rest = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder sizeLine = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("Chunked body cut short");
                }
                sizeLine.append((char) c);
            }
            int size = Integer.parseInt(sizeLine.toString().split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            in.skipNBytes(2);
        }
    }
}
