package dev.keel.tools.devservices.postgres;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Ports;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL 17 server on 127.0.0.1 from zonky's binaries, with a data directory that
 * outlives it: started again on the same directory, it finds its data where it left it.
 * It never deletes a data directory it did not create in this run.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String MAJOR_VERSION = "17";
    public static final String SUPERUSER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** A development database checkpoints in well under a second; one that takes longer is stuck. */
    static final Duration FAST_STOP_LIMIT = Duration.ofSeconds(15);

    private final PostgresBinaries binaries;
    private final ServerUser user;
    private final Path dataDirectory;
    private final int port;
    private final List<String> notices;
    private boolean running = true;

    private LocalPostgres(
            PostgresBinaries binaries, ServerUser user, Path dataDirectory, int port, List<String> notices) {
        this.binaries = binaries;
        this.user = user;
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.notices = List.copyOf(notices);
    }

    /**
     * Starts a server on {@code home}/data, creating the cluster when the directory is new.
     * A server left running on that directory by a crashed run is stopped first.
     */
    public static LocalPostgres start(Path home, int port, ServerUser user) {
        return start(home, port, user, false);
    }

    /**
     * A server whose data is deleted with it (a test's, a scratch database's): nothing is flushed to disk, since
     * a crash loses nothing anyone keeps, and {@link #discard} stops it without a shutdown checkpoint.
     */
    public static LocalPostgres startThrowaway(Path home, int port, ServerUser user) {
        return start(home, port, user, true);
    }

    private static LocalPostgres start(Path home, int port, ServerUser user, boolean throwaway) {
        List<String> notices = new ArrayList<>();
        PostgresBinaries binaries = PostgresBinaries.unpack();
        Path dataDirectory = home.resolve("data");
        Path logFile = home.resolve("server.log");
        try {
            prepareHome(home, logFile, user);
            FreeSpace.require(home, notices);
            stopLeftoverServer(binaries, user, dataDirectory, notices);
            Ports.requireFree(port, "the embedded PostgreSQL", "KEEL_PG_PORT");
            if (isEmptyOrMissing(dataDirectory)) {
                initdb(binaries, user, dataDirectory, throwaway);
                notices.add("created a new PostgreSQL " + MAJOR_VERSION + " cluster in " + dataDirectory);
            } else {
                requireUsableCluster(dataDirectory);
            }
            writeServerSettings(dataDirectory, port, user, throwaway);
        } catch (IOException e) {
            throw new DevServiceException(
                    "Could not prepare the PostgreSQL data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        Processes.Result started = Processes.run(
                user.wrap(List.of(
                        binaries.bin("pg_ctl").toString(),
                        "-D",
                        dataDirectory.toString(),
                        "-l",
                        logFile.toString(),
                        "-w",
                        "-t",
                        String.valueOf(START_TIMEOUT.toSeconds()),
                        "start")),
                START_TIMEOUT.plusSeconds(10));
        if (!started.succeeded()) {
            throw new DevServiceException("PostgreSQL did not start on " + dataDirectory + ".\n"
                    + "pg_ctl said: " + started.output() + "\n"
                    + "The server log (" + logFile + ") ends with:\n" + Processes.tail(logFile, 15) + "\n"
                    + "  Fix: read the log above. If the data directory is damaged, move it aside "
                    + "(mv " + dataDirectory + " " + dataDirectory + ".broken) and run again: a fresh one is created, "
                    + "and nothing is deleted for you.");
        }
        return new LocalPostgres(binaries, user, dataDirectory, port, notices);
    }

    private static void prepareHome(Path home, Path logFile, ServerUser user) throws IOException {
        if (!user.canReach(home)) {
            throw new DevServiceException("The PostgreSQL directory " + home + " is not reachable by the user nobody "
                    + "(a directory above it is not searchable by others, as a 0700 home is).\n"
                    + "  Fix: pick a reachable directory, e.g. KEEL_DATA_DIR=/var/tmp/keel.");
        }
        Files.createDirectories(home);
        if (!Files.exists(logFile)) {
            Files.createFile(logFile);
        }
        if (user.mode() == ServerUser.Mode.UNPRIVILEGED_USER) {
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            user.own(home);
            user.own(logFile);
        }
    }

    private static boolean isEmptyOrMissing(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return true;
        }
        try (var entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * A throwaway server's cluster is a copy of one initdb made once for these binaries and this server user:
     * copying 28 MB takes a fifth of initdb's time (0.13 s against 0.6 s measured), and scratch databases start
     * a server per run. Any trouble with the copy falls back to initdb.
     */
    private static void initdb(PostgresBinaries binaries, ServerUser user, Path dataDirectory, boolean throwaway)
            throws IOException {
        if (!throwaway) {
            runInitdb(binaries, user, dataDirectory, false);
            return;
        }
        Path template = binaries.besides(
                "throwaway-cluster-" + user.mode().name().toLowerCase(java.util.Locale.ROOT) + "-" + user.uid());
        try {
            if (!Files.isRegularFile(template.resolve("data").resolve("PG_VERSION"))) {
                Path staging = Files.createTempDirectory(template.getParent(), template.getFileName() + ".");
                Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
                user.own(staging);
                runInitdb(binaries, user, staging.resolve("data"), true);
                try {
                    Files.move(staging, template, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException lost) {
                    Processes.run(user.wrap(List.of("rm", "-rf", staging.toString())), Duration.ofMinutes(1));
                }
            }
            Files.deleteIfExists(dataDirectory); // empty: cp would copy into it
            Processes.Result copied = Processes.run(
                    user.wrap(List.of("cp", "-a", template.resolve("data").toString(), dataDirectory.toString())),
                    Duration.ofMinutes(1));
            if (copied.succeeded()) {
                return;
            }
            Processes.run(user.wrap(List.of("rm", "-rf", dataDirectory.toString())), Duration.ofMinutes(1));
        } catch (IOException | DevServiceException e) {
            // The template is only a shortcut.
        }
        runInitdb(binaries, user, dataDirectory, true);
    }

    private static void runInitdb(PostgresBinaries binaries, ServerUser user, Path dataDirectory, boolean throwaway) {
        List<String> command = new ArrayList<>(List.of(
                binaries.bin("initdb").toString(),
                "-D",
                dataDirectory.toString(),
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-instructions"));
        if (throwaway) {
            // Nothing to keep: no fsync, and 1 MB WAL segments instead of 16, so the cluster copies fast.
            command.addAll(List.of("--no-sync", "--wal-segsize=1"));
        }
        Processes.Result result = Processes.run(user.wrap(command), Duration.ofMinutes(2));
        if (!result.succeeded()) {
            throw new DevServiceException("initdb could not create a cluster in " + dataDirectory + " ("
                    + user.describe() + "):\n" + result.output());
        }
        try {
            Files.writeString(
                    dataDirectory.resolve("postgresql.conf"),
                    "\n# Keel: port and addresses for this machine, rewritten at every start\ninclude_if_exists = 'keel.conf'\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new DevServiceException("Could not configure " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    private static void requireUsableCluster(Path dataDirectory) throws IOException {
        Path versionFile = dataDirectory.resolve("PG_VERSION");
        if (!Files.isRegularFile(versionFile)) {
            throw new DevServiceException(dataDirectory + " is not empty, but it is not a PostgreSQL data directory "
                    + "(there is no PG_VERSION): it may be damaged or something else wrote there.\n"
                    + "  Fix: move it aside (mv " + dataDirectory + " " + dataDirectory + ".broken) and run again. "
                    + "Keel does not delete it for you.");
        }
        String version = Files.readString(versionFile).strip();
        if (!version.equals(MAJOR_VERSION)) {
            throw new DevServiceException(dataDirectory + " holds a PostgreSQL " + version + " cluster; Keel runs "
                    + "PostgreSQL " + MAJOR_VERSION + ".\n  Fix: move it aside (mv " + dataDirectory + " "
                    + dataDirectory + ".pg" + version + ") and run again, then restore a dump into the new cluster.");
        }
    }

    private static void writeServerSettings(Path dataDirectory, int port, ServerUser user, boolean throwaway)
            throws IOException {
        Path settings = dataDirectory.resolve("keel.conf");
        List<String> lines = new ArrayList<>(List.of(
                "# Written by Keel at every start; edit postgresql.conf for settings of your own.",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = ''",
                "timezone = 'UTC'"));
        if (throwaway) {
            // Deleted with the server: what a crash could lose, nobody keeps.
            lines.addAll(List.of("fsync = off", "synchronous_commit = off", "full_page_writes = off"));
        }
        lines.add("");
        Files.writeString(settings, String.join("\n", lines), StandardCharsets.UTF_8);
        user.own(settings);
    }

    /** A server still running on this data directory while no Keel run owns it was left by a crash. */
    private static void stopLeftoverServer(
            PostgresBinaries binaries, ServerUser user, Path dataDirectory, List<String> notices) {
        Optional<ProcessHandle> leftover = Processes.leftover(dataDirectory.resolve("postmaster.pid"), "postgres");
        if (leftover.isEmpty()) {
            return;
        }
        Processes.Result stopped = pgCtlStop(binaries, user, dataDirectory);
        if (!stopped.succeeded()) {
            throw new DevServiceException("A PostgreSQL server from an earlier run (pid "
                    + leftover.get().pid()
                    + ") still holds " + dataDirectory + " and would not stop:\n" + stopped.output()
                    + "\n  Fix: kill " + leftover.get().pid() + " and run again.");
        }
        notices.add("stopped a PostgreSQL server (pid " + leftover.get().pid() + ") left running by an earlier run");
    }

    /**
     * A fast shutdown: sessions ended, a checkpoint written. A server that has not finished one in
     * {@link #FAST_STOP_LIMIT} is stopped at once instead: on a full disk the checkpoint never completes, and an
     * immediate stop is a crash PostgreSQL recovers from at its next start, losing nothing committed.
     */
    private static Processes.Result pgCtlStop(PostgresBinaries binaries, ServerUser user, Path dataDirectory) {
        return pgCtlStop(binaries, user, dataDirectory, FAST_STOP_LIMIT);
    }

    private static Processes.Result pgCtlStop(
            PostgresBinaries binaries, ServerUser user, Path dataDirectory, Duration fastStopLimit) {
        Processes.Result fast = pgCtlStop(binaries, user, dataDirectory, "fast", fastStopLimit);
        if (fast.succeeded()
                || Processes.leftover(dataDirectory.resolve("postmaster.pid"), "postgres")
                        .isEmpty()) {
            return fast;
        }
        Processes.Result immediate = pgCtlStop(binaries, user, dataDirectory, "immediate", Duration.ofSeconds(30));
        return new Processes.Result(
                immediate.exitCode(),
                "no fast shutdown within " + fastStopLimit.toSeconds() + " s (is its disk full?), stopped at once: "
                        + immediate.output());
    }

    private static Processes.Result pgCtlStop(
            PostgresBinaries binaries, ServerUser user, Path dataDirectory, String mode, Duration limit) {
        return Processes.run(
                user.wrap(List.of(
                        binaries.bin("pg_ctl").toString(),
                        "-D",
                        dataDirectory.toString(),
                        "-m",
                        mode,
                        "-w",
                        "-t",
                        String.valueOf(limit.toSeconds()),
                        "stop")),
                limit.plusSeconds(10));
    }

    /** Whether a PostgreSQL server runs on {@code home}/data now. */
    public static boolean runningOn(Path home) {
        return Processes.leftover(home.resolve("data").resolve("postmaster.pid"), "postgres")
                .isPresent();
    }

    /** Stops the server running on {@code home}/data with a fast shutdown; false when none ran. */
    public static boolean stopServer(Path home, ServerUser user) {
        Path dataDirectory = home.resolve("data");
        if (!runningOn(home)) {
            return false;
        }
        Processes.Result result = pgCtlStop(PostgresBinaries.unpack(), user, dataDirectory);
        if (!result.succeeded()) {
            throw new DevServiceException("PostgreSQL on " + dataDirectory + " did not stop: " + result.output());
        }
        return true;
    }

    /** Creates a login role and a database it owns, unless they exist already. */
    public PostgresEndpoint ensureDatabase(String database, String username, String password) {
        superuser().createDatabase(database, username, password);
        return new PostgresEndpoint("127.0.0.1", port, database, username, password);
    }

    /** The maintenance database, as the superuser. */
    public PostgresEndpoint superuser() {
        return new PostgresEndpoint("127.0.0.1", port, "postgres", SUPERUSER, "");
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** What happened on the way up that the developer should hear about. */
    public List<String> notices() {
        return notices;
    }

    public String serverVersion() {
        try {
            return superuser().queryForString("SHOW server_version");
        } catch (SQLException e) {
            throw new DevServiceException("The embedded PostgreSQL does not answer: " + e.getMessage(), e);
        }
    }

    /**
     * Stops a server whose data directory the caller deletes next: at once, without the shutdown checkpoint that
     * would write out what is about to be removed.
     */
    public synchronized void discard() {
        if (!running) {
            return;
        }
        running = false;
        Processes.Result result = pgCtlStop(binaries, user, dataDirectory, "immediate", Duration.ofSeconds(30));
        if (!result.succeeded()) {
            throw new DevServiceException("PostgreSQL on " + dataDirectory + " did not stop: " + result.output());
        }
    }

    /** Stops the server with a fast shutdown; its data stays. */
    @Override
    public void close() {
        stop(FAST_STOP_LIMIT);
    }

    /** {@link #close()}, stopping at once after {@code fastStopLimit}: tests of the fallback need not wait 15 s. */
    synchronized void stop(Duration fastStopLimit) {
        if (!running) {
            return;
        }
        running = false;
        Processes.Result result = pgCtlStop(binaries, user, dataDirectory, fastStopLimit);
        if (!result.succeeded()) {
            throw new DevServiceException("PostgreSQL on " + dataDirectory + " did not stop: " + result.output());
        }
    }
}
