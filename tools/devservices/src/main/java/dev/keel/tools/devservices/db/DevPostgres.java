package dev.keel.tools.devservices.db;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.DockerCompose;
import dev.keel.tools.devservices.PostgresEndpoint;
import java.util.List;

/**
 * The development PostgreSQL of a checkout, wherever it lives: the embedded server under
 * {@code .keel}, the one in docker-compose.yml, or a server of your own. Keel starts, stops and
 * removes the first two; your own server is only ever connected to.
 */
public sealed interface DevPostgres permits EmbeddedDevPostgres, ComposeDevPostgres, OwnPostgres {

    /**
     * Which server a command means: your own ({@code KEEL_DB_URL}) first, then an embedded one
     * already running, then Docker Compose when an engine answers, else the embedded one, as
     * {@code make run} picks.
     */
    static DevPostgres locate(DevSettings settings) {
        if (settings.explicitServer().isPresent()) {
            return new OwnPostgres(settings.explicitServer().get());
        }
        EmbeddedDevPostgres embedded = EmbeddedDevPostgres.of(settings);
        if (embedded.running()) {
            return embedded;
        }
        DockerCompose compose = new DockerCompose(settings.dockerCommand(), settings.composeFile());
        if (settings.dockerAllowed() && compose.available()) {
            return new ComposeDevPostgres(compose);
        }
        return embedded;
    }

    /**
     * Every server Keel runs for this checkout and could tear down: the embedded one always,
     * Docker Compose's when an engine answers. Your own server is never among them.
     */
    static List<DevPostgres> keelServers(DevSettings settings) {
        DockerCompose compose = new DockerCompose(settings.dockerCommand(), settings.composeFile());
        return settings.dockerAllowed() && compose.available()
                ? List.of(EmbeddedDevPostgres.of(settings), new ComposeDevPostgres(compose))
                : List.of(EmbeddedDevPostgres.of(settings));
    }

    /** One line: what and where, for messages. */
    String describe();

    /** A few words for make run's banner. */
    String label();

    boolean running();

    /** Starts the server unless it runs; says what it did. */
    String start();

    /** Stops the server, keeping its data; says what it did. */
    String stop();

    /** What {@link #teardown()} deletes, for the line printed before it does. */
    String teardownScope();

    /** Stops the server and deletes its data; says what it did. */
    String teardown();

    /** The maintenance database, as a role that may create and drop databases. */
    PostgresEndpoint admin();

    /** {@code database} on this server, as the application logs in. */
    PostgresEndpoint login(String database);

    /** Whether databases are named per branch and created on demand (not on your own server). */
    default boolean managed() {
        return true;
    }

    /** Fails, saying how to start it, unless the server runs. */
    default void requireRunning() {
        if (!running()) {
            throw new DevServiceException(
                    "PostgreSQL is not running: " + describe() + ".\n  Fix: " + startHint() + ".");
        }
    }

    /** What to run when the server does not answer. */
    default String startHint() {
        return "make db-start (or make run, which starts it too)";
    }
}
