package dev.keel.bootstrap.web.widget.faults;

import dev.keel.bootstrap.support.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An attachment upload over a bare socket, so the test decides when each byte goes: headers
 * announcing the whole length, then as much of the body as it likes, then perhaps nothing.
 */
final class RawUpload implements AutoCloseable {

    /** What came back: an HTTP status, or the connection closed without one ({@link #CLOSED}). */
    static final int CLOSED = -1;

    private final Socket socket;
    private final OutputStream out;

    private RawUpload(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    static RawUpload open(DedicatedKeel keel, String widgetId, long contentLength) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", keel.port()), 5_000);
        RawUpload upload = new RawUpload(socket);
        upload.send(("PUT /api/widgets/" + widgetId + "/attachment HTTP/1.1\r\n"
                        + "Host: 127.0.0.1:" + keel.port() + "\r\n"
                        + "Authorization: " + Tokens.ALL_SCOPES + "\r\n"
                        + "Content-Type: text/plain\r\n"
                        + "Content-Length: " + contentLength + "\r\n"
                        + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return upload;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends what it can; false when the server has already closed its side (it answered early). */
    boolean trySend(byte[] bytes) {
        try {
            send(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The status of the answer, or {@link #CLOSED} when the server closed the connection without
     * one; fails when neither happens within {@code limit}.
     */
    int awaitStatus(Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder statusLine = new StringBuilder();
        try {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                statusLine.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No answer and no close within " + limit.toMillis() + " ms", e);
        } catch (IOException reset) {
            return CLOSED;
        }
        String[] parts = statusLine.toString().split(" ");
        return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : CLOSED;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
