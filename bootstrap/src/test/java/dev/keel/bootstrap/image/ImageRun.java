package dev.keel.bootstrap.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The image's entrypoint started from its unpacked root as a container engine would, without one: in a private
 * mount namespace with /proc and /dev mounted, the root changed to the image's, the working directory and the
 * non-root user of the image's config, the image's environment plus the deployment's. So the image's own JVM
 * and C libraries run, as its user. Needs root (to mount and change root); CAP_SYS_CHROOT is kept across the
 * change of user only for the last step, unshare --root.
 */
final class ImageRun implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ImageRun(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Whether this JVM may do what a run needs: mount (not every container allows it) and change root. */
    static boolean possible() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0
                    && Files.isExecutable(Path.of("/usr/bin/setpriv"))
                    && new ProcessBuilder("/usr/bin/unshare", "--mount", "--fork", "true")
                                    .redirectErrorStream(true)
                                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                    .start()
                                    .waitFor()
                            == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Starts the entrypoint with {@code arguments} in place of the image's Cmd (as a Kubernetes Job's args do),
     * {@code jvmOptions} right after the entrypoint's java, output to {@code log}.
     */
    static ImageRun start(
            OciImage image,
            Path root,
            List<String> jvmOptions,
            List<String> arguments,
            Map<String, String> settings,
            Path log)
            throws IOException {
        String[] user = image.user().split(":", 2);
        List<String> command = new ArrayList<>(List.of(
                "/usr/bin/unshare",
                "--mount",
                "--propagation",
                "private",
                "--fork",
                "/bin/sh",
                "-ec",
                """
                u=$2; g=$3; w=$4
                # The root where the user may reach it, whatever the directories above it allow.
                mount -t tmpfs tmpfs /mnt
                mkdir /mnt/root
                mount --bind "$1" /mnt/root
                r=/mnt/root
                shift 4
                mkdir -p "$r/proc" "$r/dev"
                mount -t proc proc "$r/proc"
                mount --rbind /dev "$r/dev"
                exec /usr/bin/setpriv --reuid="$u" --regid="$g" --clear-groups \\
                  --inh-caps=+sys_chroot --ambient-caps=+sys_chroot /usr/bin/unshare --root="$r" --wd="$w" -- "$@"
                """,
                "sh",
                root.toString(),
                user[0],
                user.length > 1 ? user[1] : user[0],
                image.workingDir()));
        List<String> entrypoint = image.entrypoint();
        command.add(entrypoint.getFirst());
        command.addAll(jvmOptions);
        command.addAll(entrypoint.subList(1, entrypoint.size()));
        command.addAll(arguments.isEmpty() ? image.cmd() : arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(image.envMap());
        builder.environment().putAll(settings);
        return new ImageRun(builder.start(), log);
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; its exit code. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            close();
            throw new AssertionError("Still running after " + seconds + " s:\n" + logTail());
        }
        return process.exitValue();
    }

    /** The last lines of its output, for a failure message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM to the JVM (unshare's one child), as a container engine stops it; then waits for the end. */
    @Override
    public void close() {
        process.children().forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
