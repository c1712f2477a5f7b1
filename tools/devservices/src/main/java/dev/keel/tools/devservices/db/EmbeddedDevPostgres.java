package dev.keel.tools.devservices.db;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.Directories;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.postgres.LocalPostgres;
import dev.keel.tools.devservices.postgres.ServerUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The embedded PostgreSQL 17 under the data directory ({@code .keel/postgres}). {@code make db-start}
 * leaves it running with a mark, so {@code make run} uses it and leaves it running; a server
 * without the mark was left by a crashed run and is restarted.
 *
 * @param home where the cluster and its log live
 * @param port where it listens on 127.0.0.1
 * @param user who the binaries run as
 * @param root what teardown deletes: {@code home}, or the per-checkout directory holding it
 */
public record EmbeddedDevPostgres(Path home, int port, ServerUser user, Path root) implements DevPostgres {

    private static final String KEPT_MARK = "kept-running";

    /** The server of {@code settings}: under the data directory, or under /var/lib/keel when nobody cannot reach that. */
    public static EmbeddedDevPostgres of(DevSettings settings) {
        ServerUser user = ServerUser.detect();
        Path home = settings.dataDirectory().resolve("postgres");
        if (user.canReach(home)) {
            return new EmbeddedDevPostgres(home, settings.postgresPort(), user, home);
        }
        // nobody cannot walk into a 0700 home directory. Only root gets here, so the data goes where
        // root keeps service data, one directory per data directory.
        Path root = Path.of(
                "/var/lib/keel",
                Directories.sha256Hex(settings.dataDirectory().toString()).substring(0, 12));
        return new EmbeddedDevPostgres(root.resolve("postgres"), settings.postgresPort(), user, root);
    }

    /** Why the data is not where the developer would look, when it is not. */
    public String placementNotice(DevSettings settings) {
        return root.equals(home)
                ? ""
                : "PostgreSQL runs as nobody here, and " + settings.dataDirectory()
                        + " is out of its reach: its data lives in " + home;
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL " + LocalPostgres.MAJOR_VERSION + " on 127.0.0.1:" + port + " (data in " + home
                + ")";
    }

    @Override
    public String label() {
        return "embedded PostgreSQL";
    }

    @Override
    public boolean running() {
        return LocalPostgres.runningOn(home);
    }

    /** Whether it runs because {@code make db-start} started it, so it outlives {@code make run}. */
    public boolean kept() {
        return running() && Files.exists(home.resolve(KEPT_MARK));
    }

    /** Starts the server for {@code make run}, which stops it again on exit. */
    public LocalPostgres startForRun() {
        return LocalPostgres.start(home, port, user);
    }

    @Override
    public String start() {
        if (kept()) {
            return "PostgreSQL is already running: " + describe();
        }
        if (running()) {
            // make run's own server: marking it keeps it running when make run stops
            mark();
            return "PostgreSQL is already running (" + describe() + "); it now stays up after make run stops";
        }
        LocalPostgres server = startForRun();
        mark();
        String notices = String.join("\n", server.notices());
        return (notices.isEmpty() ? "" : notices + "\n") + "Started " + describe() + " " + user.describe();
    }

    private void mark() {
        try {
            Files.writeString(home.resolve(KEPT_MARK), "started by make db-start at " + Instant.now() + "\n");
        } catch (IOException e) {
            throw new DevServiceException("Could not write " + home.resolve(KEPT_MARK) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String stop() {
        try {
            Files.deleteIfExists(home.resolve(KEPT_MARK));
        } catch (IOException e) {
            throw new DevServiceException("Could not remove " + home.resolve(KEPT_MARK) + ": " + e.getMessage(), e);
        }
        return LocalPostgres.stopServer(home, user)
                ? "Stopped " + describe() + "; its data stays"
                : "PostgreSQL was not running (" + describe() + ")";
    }

    @Override
    public String teardownScope() {
        return "stop " + describe() + " and delete " + root + " with every database in it";
    }

    @Override
    public String teardown() {
        LocalPostgres.stopServer(home, user);
        try {
            boolean existed = Files.exists(root);
            Directories.deleteTree(root);
            return existed
                    ? "Deleted " + root + ": the embedded PostgreSQL and all its databases are gone"
                    : "Nothing to delete: " + root + " does not exist";
        } catch (IOException e) {
            throw new DevServiceException("Could not delete " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PostgresEndpoint admin() {
        return new PostgresEndpoint("127.0.0.1", port, "postgres", LocalPostgres.SUPERUSER, "");
    }

    @Override
    public PostgresEndpoint login(String database) {
        return new PostgresEndpoint("127.0.0.1", port, database, DevSettings.USERNAME, DevSettings.PASSWORD);
    }
}
