package dev.keel.tools.devservices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port checks, so a taken port is reported before a server fails on it obscurely. */
public final class Ports {

    private Ports() {}

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new DevServiceException("No free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with the fix when {@code port} is taken; {@code setting} names the variable that moves it. */
    public static void requireFree(int port, String what, String setting) {
        if (!isFree(port)) {
            throw new DevServiceException("Port " + port + " on 127.0.0.1, wanted by " + what
                    + ", is already in use by another program.\n"
                    + "  Fix: stop that program (`ss -ltnp 'sport = :" + port + "'` shows which), "
                    + "or choose another port with " + setting + "=<port>.");
        }
    }
}
