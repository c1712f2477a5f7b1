package dev.keel.tools.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Ports for test servers: free, never handed out twice, not one another JVM reserved, and out of the range outgoing
 * connections take theirs from.
 */
class PortsTest {

    @Test
    void freePortsAreBindableDistinctAndBelowTheEphemeralRange() throws IOException {
        int ephemeralStart = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .getFirst()
                .strip()
                .split("\\s+")[0]);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            int port = Ports.freePort();
            assertThat(port).isBetween(20_000, ephemeralStart - 1);
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int port = Ports.freePort();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
            assertThat(Ports.isFree(port)).isFalse();
        }
    }

    @Test
    void aPortAnotherJvmReservedIsNotHandedOutUntilThatJvmExits() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(
                        List.of(java, "-cp", System.getProperty("java.class.path"), ReservingJvm.class.getName()))
                .redirectErrorStream(true)
                .start();
        int port;
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            String answer = out.readLine();
            assertThat(answer).as("the other JVM's answer").startsWith("reserved ");
            port = Integer.parseInt(answer.substring("reserved ".length()));
            assertThat(Ports.reserve(port))
                    .as("port %d, which another JVM holds", port)
                    .isFalse();
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(Ports.reserve(port))
                .as("port %d once that JVM has exited", port)
                .isTrue();
    }

    /** The other JVM: reserves a free port, says which, and exits when its standard input closes. */
    static final class ReservingJvm {
        public static void main(String[] args) throws IOException {
            System.out.println("reserved " + Ports.freePort());
            System.out.flush();
            while (System.in.read() != -1) {
                // Holds the reservation until the test closes this JVM's input.
            }
        }
    }
}
