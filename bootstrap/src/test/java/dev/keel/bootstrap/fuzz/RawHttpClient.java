package dev.keel.bootstrap.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately small HTTP/1.1 client over a plain socket: java.net.http refuses to send most
 * of what the fuzz test needs (invalid targets, unknown methods, lying Content-Length). One
 * connection per request, closed by the server after its answer.
 */
final class RawHttpClient {

    private static final int TIMEOUT_MILLIS = 20_000;

    private final String host;
    private final int port;
    private final AtomicInteger sent = new AtomicInteger();

    RawHttpClient(String host, int port) {
        this.host = host;
        this.port = port;
    }

    int sent() {
        return sent.get();
    }

    RawResponse send(RawRequest request) {
        sent.incrementAndGet();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            String writeFailure = "";
            try {
                socket.getOutputStream().write(request.bytes(host + ":" + port));
                socket.getOutputStream().flush();
                if (request.missingBytes() > 0) {
                    socket.shutdownOutput(); // the body ends here, short of what Content-Length announced
                }
            } catch (IOException e) {
                // The server may answer and close before reading everything (a huge header): read its answer.
                writeFailure = " (writing failed: " + e.getMessage() + ")";
            }
            return RawResponse.parse(readToEnd(socket.getInputStream()), writeFailure);
        } catch (IOException e) {
            return RawResponse.none(e.toString());
        }
    }

    /** Everything until EOF; a reset after part of an answer keeps that part. */
    private static byte[] readToEnd(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // keep what arrived
        }
        return out.toByteArray();
    }
}
