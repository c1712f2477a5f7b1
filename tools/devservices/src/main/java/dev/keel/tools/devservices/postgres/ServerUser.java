package dev.keel.tools.devservices.postgres;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who the PostgreSQL binaries run as. PostgreSQL refuses to run as root, and CI runs as root:
 * as root we run them in a new user namespace ({@code unshare -U}, as zonky does) where the
 * kernel allows it, and otherwise as an unprivileged user ({@code nobody}) through setpriv.
 *
 * @param mode       how the binaries are started
 * @param uid        the user id the server runs as, for {@link Mode#UNPRIVILEGED_USER}
 * @param gid        its group id
 */
public record ServerUser(Mode mode, int uid, int gid) {

    /** The setting that picks the mode: {@code auto}, {@code current}, {@code namespace} or {@code nobody}. */
    public static final String SETTING = "KEEL_PG_RUN_AS";

    public enum Mode {
        /** Not root: run the binaries directly. */
        CURRENT_USER,
        /** Root, with user namespaces allowed: {@code unshare -U} hides root from PostgreSQL. */
        USER_NAMESPACE,
        /** Root without user namespaces: run as {@code nobody}, with data where it can reach. */
        UNPRIVILEGED_USER
    }

    /** Decides from the setting (environment variable or system property) and what the machine allows. */
    public static ServerUser detect() {
        return detect(System.getProperty("keel.pg.run-as", System.getenv().getOrDefault(SETTING, "auto")));
    }

    /** Decides from {@code setting}: {@code auto}, {@code current}, {@code namespace} or {@code nobody}. */
    public static ServerUser detect(String setting) {
        return switch (setting.toLowerCase(Locale.ROOT)) {
            case "auto" -> !isRoot() ? current() : userNamespaceWorks() ? namespace() : unprivileged();
            case "current" -> current();
            case "namespace" -> {
                if (!userNamespaceWorks()) {
                    throw new DevServiceException(SETTING + "=namespace, but `unshare -U` does not work here. "
                            + "Fix: unset " + SETTING + " (auto picks the unprivileged-user fallback).");
                }
                yield namespace();
            }
            case "nobody" -> unprivileged();
            default ->
                throw new DevServiceException(
                        SETTING + "=" + setting + " is not one of auto, current, namespace, nobody.");
        };
    }

    private static ServerUser current() {
        return new ServerUser(Mode.CURRENT_USER, -1, -1);
    }

    private static ServerUser namespace() {
        return new ServerUser(Mode.USER_NAMESPACE, -1, -1);
    }

    private static ServerUser unprivileged() {
        if (!isRoot()) {
            throw new DevServiceException("Running PostgreSQL as `nobody` needs root to switch users; "
                    + "as a normal user, unset " + SETTING + ".");
        }
        return new ServerUser(Mode.UNPRIVILEGED_USER, idOf("-u"), idOf("-g"));
    }

    private static int idOf(String flag) {
        Processes.Result result = Processes.run(List.of("id", flag, "nobody"), Duration.ofSeconds(5));
        if (!result.succeeded()) {
            throw new DevServiceException("There is no `nobody` user to run PostgreSQL as (`id " + flag
                    + " nobody` said: " + result.output() + ").");
        }
        return Integer.parseInt(result.output().strip());
    }

    public static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean userNamespaceWorks() {
        Processes.Result result = Processes.run(List.of("unshare", "-U", "id", "-u"), Duration.ofSeconds(5));
        return result.succeeded() && !result.output().strip().equals("0");
    }

    /** {@code command} as this user runs it. */
    public List<String> wrap(List<String> command) {
        List<String> wrapped = new ArrayList<>();
        switch (mode) {
            case USER_NAMESPACE -> wrapped.addAll(List.of("unshare", "-U"));
            case UNPRIVILEGED_USER ->
                wrapped.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups"));
            case CURRENT_USER -> {}
        }
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands a path we created over to the server user, so PostgreSQL can write there. */
    public void own(Path path) throws IOException {
        if (mode == Mode.UNPRIVILEGED_USER) {
            Files.setAttribute(path, "unix:uid", uid);
            Files.setAttribute(path, "unix:gid", gid);
        }
    }

    /**
     * Whether the server user can walk down to {@code path}. Root and namespaced root can go
     * anywhere; {@code nobody} needs search permission on every directory above it, which a
     * 0700 home directory does not give.
     */
    public boolean canReach(Path path) {
        if (mode != Mode.UNPRIVILEGED_USER) {
            return true;
        }
        for (Path dir = path.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            try {
                if (Files.exists(dir)
                        && !Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    public String describe() {
        return switch (mode) {
            case CURRENT_USER -> "as the current user";
            case USER_NAMESPACE -> "as root in a user namespace (unshare -U)";
            case UNPRIVILEGED_USER -> "as the unprivileged user nobody (setpriv)";
        };
    }
}
