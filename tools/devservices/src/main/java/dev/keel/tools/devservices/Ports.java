package dev.keel.tools.devservices;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port checks, so a taken port is reported before a server fails on it obscurely. */
public final class Ports {

    /** Below the kernel's ephemeral range and above the development defaults (15433, 18080, 19001, 19401). */
    private static final int LOWEST = 20_000;

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** Where every JVM on this machine marks the ports it handed out: one lock file per port. */
    private static final Path RESERVATIONS = Path.of(System.getProperty("java.io.tmpdir"), "keel-ports");

    /** This JVM's reservations, held until it exits (the operating system then releases them). */
    private static final Map<Integer, FileLock> RESERVED = new ConcurrentHashMap<>();

    private Ports() {}

    /**
     * A port free now for a server to listen on, never the same twice in this JVM, nor one another JVM of Keel's
     * holds a reservation for ({@code make test} runs modules side by side). It is chosen below the kernel's
     * ephemeral range: a port the kernel picked (bind to port 0) is one it may give the next outgoing connection
     * before the server binds it, which tests running side by side made happen.
     */
    public static int freePort() {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (isFree(port) && HANDED_OUT.add(port) && reserve(port)) {
                return port;
            }
        }
        throw new DevServiceException("No free TCP port on 127.0.0.1 between " + LOWEST + " and " + below
                + " after 200 tries.\n  Fix: stop what holds them (`ss -ltn` lists them).");
    }

    /**
     * Whether this JVM now holds {@code port}'s lock file, which no other JVM can take before this one exits: the
     * window between one JVM's check and its server's bind is then closed to the others. Where the lock cannot be
     * made at all (no writable temporary directory), the port is taken unreserved, as before.
     */
    static boolean reserve(int port) {
        if (RESERVED.containsKey(port)) {
            return true;
        }
        FileChannel channel;
        try {
            Files.createDirectories(RESERVATIONS);
            channel = FileChannel.open(
                    RESERVATIONS.resolve(port + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return true;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                RESERVED.put(port, lock);
                return true;
            }
        } catch (IOException e) {
            // A file system without locks: the port is taken unreserved, as where no lock file can be made.
            closeQuietly(channel);
            return true;
        }
        closeQuietly(channel);
        return false;
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing held on it.
        }
    }

    /** The first port of /proc/sys/net/ipv4/ip_local_port_range, or Linux's default where it cannot be read. */
    private static int ephemeralRangeStart() {
        try {
            // readAllLines, not readString: the JDK reads a /proc file's reported size, which is not its length.
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .getFirst()
                    .strip()
                    .split("\\s+");
            int start = Integer.parseInt(range[0]);
            return start > LOWEST + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
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
