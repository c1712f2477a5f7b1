package dev.keel.tools.migrate.trace;

import dev.keel.tools.migrate.flyway.Database;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a command that needs several scratch databases makes them: new databases on the configured server, or on
 * one throwaway embedded PostgreSQL 17 for all of them, since starting a server costs more than a second and
 * creating a database a few milliseconds.
 */
public final class ScratchServer implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/.*");

    private final Database admin;
    private final Database login;
    private final String owner;
    private final String where;
    private final AutoCloseable server;
    /** Whether the server goes at close with every database on it, so none needs dropping first. */
    private final boolean discarded;

    private ScratchServer(
            Database admin, Database login, String owner, String where, AutoCloseable server, boolean discarded) {
        this.admin = admin;
        this.login = login;
        this.owner = owner;
        this.where = where;
        this.server = server;
        this.discarded = discarded;
    }

    /** New databases on {@code server}'s PostgreSQL, which stays; its user needs CREATEDB. */
    public static ScratchServer configured(Database server) {
        return new ScratchServer(
                server, server, null, "the configured server " + ScratchDatabase.host(server.url()), () -> {}, false);
    }

    /**
     * New databases on a server that is already running and stays, such as the development server, as its
     * {@code admin} role; {@code where} names the server.
     */
    public static ScratchServer running(Database admin, String where) {
        return new ScratchServer(admin, admin, null, where, () -> {}, false);
    }

    /** A PostgreSQL 17 of its own on a free port, removed with its data directory at close. */
    public static ScratchServer embedded() {
        ScratchDatabase first = ScratchDatabase.embedded();
        Matcher port = PORT.matcher(first.url());
        if (!port.matches()) {
            first.close();
            throw new IllegalStateException("The embedded PostgreSQL is not on 127.0.0.1: " + first.url());
        }
        // The superuser creates the databases (trust authentication), owned by the login the migrations run as.
        Database superuser = new Database("jdbc:postgresql://127.0.0.1:" + port.group(1) + "/postgres", "postgres", "");
        return new ScratchServer(
                superuser,
                first.database(),
                first.database().user(),
                "the throwaway embedded PostgreSQL on port " + port.group(1),
                first,
                true);
    }

    /** An empty database, dropped at its close. */
    public ScratchDatabase newDatabase() {
        return ScratchDatabase.create(admin, login, owner, null, where, discarded);
    }

    /**
     * A copy of {@code template} (PostgreSQL's CREATE DATABASE ... TEMPLATE, a file copy: faster than running its
     * migrations again), which nothing may be connected to meanwhile.
     */
    public ScratchDatabase copyOf(ScratchDatabase template) {
        return ScratchDatabase.create(admin, login, owner, template, where, discarded);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
