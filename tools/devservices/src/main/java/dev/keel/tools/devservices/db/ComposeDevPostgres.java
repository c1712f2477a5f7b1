package dev.keel.tools.devservices.db;

import dev.keel.tools.devservices.DockerCompose;
import dev.keel.tools.devservices.PostgresEndpoint;
import java.util.List;

/** The {@code postgres} service of docker-compose.yml, on 127.0.0.1:5432 with its data in a named volume. */
public record ComposeDevPostgres(DockerCompose compose) implements DevPostgres {

    public static final String SERVICE = "postgres";
    /** The volume's key in docker-compose.yml; Compose names the volume itself after the project. */
    public static final String VOLUME = "postgres-data";

    static final int PORT = 5432;

    @Override
    public String describe() {
        return "PostgreSQL 17 from docker compose on 127.0.0.1:" + PORT + " (volume " + VOLUME + ")";
    }

    @Override
    public String label() {
        return "PostgreSQL 17 from docker compose";
    }

    @Override
    public boolean running() {
        return compose.running().contains(SERVICE);
    }

    @Override
    public String start() {
        if (running()) {
            return "PostgreSQL is already running: " + describe();
        }
        compose.up(List.of(SERVICE));
        return "Started " + describe() + " (docker compose up -d --wait " + SERVICE + ")";
    }

    @Override
    public String stop() {
        compose.stop(List.of(SERVICE));
        return "Stopped " + describe() + "; its volume stays";
    }

    @Override
    public String teardownScope() {
        return "remove the " + SERVICE + " container and delete its volume " + VOLUME + " with every database in it";
    }

    @Override
    public String teardown() {
        String volume = compose.volumeName(VOLUME);
        compose.remove(List.of(SERVICE), List.of(volume));
        return "Removed the " + SERVICE + " container and the volume " + volume;
    }

    @Override
    public PostgresEndpoint admin() {
        // The image makes POSTGRES_USER a superuser.
        return login("postgres");
    }

    @Override
    public PostgresEndpoint login(String database) {
        return new PostgresEndpoint("127.0.0.1", PORT, database, DevSettings.USERNAME, DevSettings.PASSWORD);
    }

    @Override
    public String startHint() {
        return "make db-start (docker compose up -d --wait postgres), or make run";
    }
}
