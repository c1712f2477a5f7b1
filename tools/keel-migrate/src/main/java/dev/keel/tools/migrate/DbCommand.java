package dev.keel.tools.migrate;

import dev.keel.tools.devservices.db.DatabaseName;
import dev.keel.tools.devservices.db.DevDatabase;
import dev.keel.tools.devservices.db.DevPostgres;
import dev.keel.tools.devservices.db.DevSettings;
import dev.keel.tools.devservices.db.ServerDatabases;
import dev.keel.tools.devservices.db.ServerDatabases.DevDatabaseInfo;
import dev.keel.tools.devservices.run.RunLock;
import dev.keel.tools.migrate.devdb.BranchDatabases;
import dev.keel.tools.migrate.devdb.Psql;
import dev.keel.tools.migrate.devdb.Seeds;
import dev.keel.tools.migrate.devdb.TableWipe;
import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migrate.flyway.ProductionGuard;
import dev.keel.tools.migration.MigrationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.output.MigrateResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * keel-migrate db: the development database's lifecycle behind the make db-* targets. One
 * database per git branch on Keel's server (embedded or Docker Compose), created on first use.
 * Everything that deletes data says what it is about to do and refuses in production.
 */
@Command(
        name = "db",
        description = "The development database: per-branch databases, cleanup levels, seeds.",
        subcommands = {
            DbCommand.Start.class,
            DbCommand.Stop.class,
            DbCommand.Teardown.class,
            DbCommand.Branches.class,
            DbCommand.Prune.class,
            DbCommand.Clean.class,
            DbCommand.Wipe.class,
            DbCommand.Settings.class,
            DbCommand.Seed.class,
            DbCommand.Setup.class,
            DbCommand.Reset.class
        })
public final class DbCommand {

    /** What the db subcommands share: the server, the refusals and the seeds. */
    abstract static class DbSubcommand extends KeelMigrate.Subcommand {

        DevSettings settings() {
            return target.devSettings();
        }

        /** Refuses {@code command} in production: it deletes or invents data. */
        void refuseInProduction(String command) {
            ProductionGuard.refuse("make " + command, command + " is for development databases");
        }

        /** Refuses while make run uses the server Keel would stop or the database it would drop. */
        void refuseWhileRunning(String command, DevPostgres server) {
            if (server.managed() && RunLock.held(settings().dataDirectory())) {
                throw new MigrationException("Refusing 'make " + command + "': make run is using this server ("
                        + RunLock.holder(settings().dataDirectory())
                        + ").\n  Fix: stop make run (Ctrl-C in its terminal) "
                        + "and run make " + command + " again.");
            }
        }

        /** The current database on a running server of Keel's. */
        DevDatabase managedRunning(String command) {
            DevDatabase devDatabase = target.devDatabase();
            if (!devDatabase.server().managed()) {
                throw new MigrationException("'make " + command + "' needs Keel's development server; "
                        + devDatabase.server().describe() + " is yours, with the one database its URL names.");
            }
            devDatabase.server().requireRunning();
            return devDatabase;
        }

        BranchDatabases report(DevDatabase devDatabase) {
            List<DevDatabaseInfo> databases = devDatabase.databases().list();
            return new BranchDatabases(
                    databases,
                    new HashSet<>(DatabaseName.localBranches(settings().projectDirectory())),
                    devDatabase.name().name());
        }

        /** Asks on the terminal; no answer (no terminal, end of input) is no. */
        boolean confirmed(String question) throws IOException {
            PrintWriter out = out();
            out.print(question);
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null) {
                out.println();
            }
            return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(Locale.ROOT));
        }

        void say(String line) {
            out().println(line);
            out().flush();
        }

        Seeds seeds() {
            return new Seeds(target.dir.resolve("seed"));
        }

        /** Applies the pending migrations, then the seed levels, each level whole or not at all. */
        void migrateAndSeed(Database database, Seeds.Level... levels) {
            migrate(database);
            for (Seeds.Level level : levels) {
                seeds().apply(level, database, out());
            }
        }

        void migrate(Database database) {
            MigrateResult result = new Migrations(database, target.files()).up(null, out());
            say(
                    result.migrationsExecuted == 0
                            ? "Nothing to apply: the schema is up to date"
                            : "Applied " + result.migrationsExecuted + " migration"
                                    + (result.migrationsExecuted == 1 ? "" : "s"));
        }

        /** Drops this branch's database, creates it empty and migrates it. */
        Database recreate(String command) {
            DevDatabase devDatabase = target.devDatabase();
            DevPostgres server = devDatabase.server();
            if (!server.managed()) {
                throw new MigrationException("Refusing 'make " + command + "' on your own server (" + server.describe()
                        + "): Keel drops only databases it made.\n  Fix: make db-wipe empties it and keeps its schema; "
                        + "or drop and create it yourself, then make migrate-up.");
            }
            refuseWhileRunning(command, server);
            String name = devDatabase.name().name();
            say(command + ": about to drop and recreate " + devDatabase.describe() + ", then apply every migration");
            server.requireRunning();
            devDatabase.databases().drop(name);
            say("Dropped " + name);
            Database database = KeelMigrate.Target.open(devDatabase);
            migrate(database);
            return database;
        }
    }

    @Command(
            name = "start",
            description = "Start the development PostgreSQL (embedded, or Docker Compose's) and keep it running.")
    static final class Start extends DbSubcommand {
        @Override
        public Integer call() {
            DevPostgres server = DevPostgres.locate(settings());
            say("db-start: about to start " + server.describe());
            return done(
                    "%s%nDatabase for this checkout: %s%n",
                    server.start(), settings().databaseName().describe());
        }
    }

    @Command(name = "stop", description = "Stop the development PostgreSQL; its data stays.")
    static final class Stop extends DbSubcommand {
        @Override
        public Integer call() {
            DevPostgres server = DevPostgres.locate(settings());
            refuseWhileRunning("db-stop", server);
            say("db-stop: about to stop " + server.describe());
            return done("%s%n", server.stop());
        }
    }

    @Command(
            name = "teardown",
            description = "Stop the development PostgreSQL and delete its data directory or volume.")
    static final class Teardown extends DbSubcommand {
        @Override
        public Integer call() {
            refuseInProduction("db-teardown");
            DevPostgres located = DevPostgres.locate(settings());
            if (!located.managed()) {
                throw new MigrationException("Refusing 'make db-teardown': the database is yours (" + located.describe()
                        + ", from KEEL_DB_URL or SPRING_DATASOURCE_URL), and Keel never removes it.\n  Fix: unset "
                        + "KEEL_DB_URL and SPRING_DATASOURCE_URL to tear down Keel's development server.");
            }
            refuseWhileRunning("db-teardown", located);
            // Every server Keel keeps for this checkout, whichever one commands use now: nothing stays behind.
            for (DevPostgres server : DevPostgres.keelServers(settings())) {
                say("db-teardown: about to " + server.teardownScope());
                say(server.teardown());
            }
            return 0;
        }
    }

    @Command(name = "branches", description = "The development databases on the server: branch, size, last use.")
    static final class Branches extends DbSubcommand {
        @Override
        public Integer call() {
            DevDatabase devDatabase = managedRunning("db-branches");
            report(devDatabase).print(out());
            return 0;
        }
    }

    @Command(
            name = "prune",
            description = "Drop the databases whose git branch no longer exists (asks first unless --force).")
    static final class Prune extends DbSubcommand {

        @Option(names = "--force", description = "Drop without asking.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            refuseInProduction("db-prune");
            DevDatabase devDatabase = managedRunning("db-prune");
            List<DevDatabaseInfo> orphans = report(devDatabase).orphans();
            if (orphans.isEmpty()) {
                return done("Nothing to prune: every branch database belongs to a local branch.%n");
            }
            say("db-prune: these databases belong to branches that no longer exist:");
            orphans.forEach(orphan ->
                    say("  " + orphan.name() + "  (branch " + orphan.branch().orElseThrow() + ")"));
            if (!force && !confirmed("Drop " + (orphans.size() == 1 ? "it" : "these " + orphans.size()) + "? [y/N] ")) {
                return done("Nothing dropped. Answer y, or run make db-prune FORCE=1.%n");
            }
            ServerDatabases databases = devDatabase.databases();
            for (DevDatabaseInfo orphan : orphans) {
                databases.drop(orphan.name());
                say("Dropped " + orphan.name());
            }
            return 0;
        }
    }

    @Command(name = "clean", description = "Drop and recreate this branch's database, then apply every migration.")
    static final class Clean extends DbSubcommand {
        @Override
        public Integer call() {
            refuseInProduction("db-clean");
            recreate("db-clean");
            return done("Clean: the database holds the schema and no rows.%n");
        }
    }

    @Command(name = "wipe", description = "Delete every row; keep the schema and the migration history.")
    static final class Wipe extends DbSubcommand {

        @Option(names = "--force", description = "On your own server (KEEL_DB_URL): wipe without asking.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            refuseInProduction("db-wipe");
            DevDatabase devDatabase = target.devDatabase();
            Database database = KeelMigrate.Target.open(devDatabase);
            TableWipe wipe = new TableWipe(database);
            List<String> tables = wipe.tables();
            say("db-wipe: about to delete every row of " + tables.size() + " table" + (tables.size() == 1 ? "" : "s")
                    + " in " + devDatabase.describe() + ", keeping the schema and the migration history");
            if (!devDatabase.server().managed()
                    && !force
                    && !confirmed("This is your own server, not Keel's. Delete every row? [y/N] ")) {
                return done("Nothing deleted. Answer y, or run make db-wipe FORCE=1.%n");
            }
            wipe.wipe(tables);
            return done(
                    "Wiped %d table%s: %s%n",
                    tables.size(),
                    tables.size() == 1 ? "" : "s",
                    tables.isEmpty() ? "(none)" : String.join(", ", tables));
        }
    }

    @Command(
            name = "settings",
            description = "Shell settings that point a client at this branch's database: "
                    + "psql's PGHOST, PGPORT, ... (--for psql) or Spring's SPRING_DATASOURCE_* (--for spring).")
    static final class Settings extends DbSubcommand {

        @Option(names = "--for", defaultValue = "psql", description = "psql or spring (default: ${DEFAULT-VALUE}).")
        String client;

        @Override
        public Integer call() {
            String settings =
                    switch (client) {
                        case "psql" -> {
                            if (Psql.find(settings().environment()).isEmpty()) {
                                throw new MigrationException(
                                        "There is no psql on the PATH.\n  Fix: " + Psql.INSTALL_HINT + ".");
                            }
                            yield Psql.shellSettings(target.devDatabase().open());
                        }
                        case "spring" ->
                            Psql.springSettings(target.devDatabase().open());
                        default -> throw new MigrationException("--for must be psql or spring, not '" + client + "'.");
                    };
            out().print(settings);
            out().flush();
            return 0;
        }
    }

    @Command(
            name = "seed",
            description = "Apply a seed level: essentials (every environment) or demo (never production).")
    static final class Seed extends DbSubcommand {

        @Parameters(paramLabel = "LEVEL", description = "essentials or demo")
        String level;

        @Override
        public Integer call() {
            Seeds.Level chosen =
                    switch (level.toLowerCase(Locale.ROOT)) {
                        case "essentials" -> Seeds.Level.ESSENTIALS;
                        case "demo" -> Seeds.Level.DEMO;
                        default ->
                            throw new MigrationException("LEVEL must be essentials or demo, not '" + level + "'.");
                    };
            if (chosen == Seeds.Level.DEMO) {
                refuseInProduction("seed-demo");
            } else {
                ProductionGuard.requireConfirmation("init-prod");
            }
            DevDatabase devDatabase = target.devDatabase();
            Database database = KeelMigrate.Target.open(devDatabase);
            long pending = new Migrations(database, target.files()).status().pending();
            if (pending > 0) {
                throw new MigrationException(
                        pending + " migration" + (pending == 1 ? " is" : "s are") + " pending, and "
                                + "seeds are written for the current schema.\n  Fix: make migrate-up first (make db-setup does both).");
            }
            say("seed: about to apply " + seeds().folder(chosen) + " to " + devDatabase.describe());
            seeds().apply(chosen, database, out());
            return 0;
        }
    }

    @Command(name = "setup", description = "Apply every migration, then the essentials, then the demo seeds.")
    static final class Setup extends DbSubcommand {
        @Override
        public Integer call() {
            refuseInProduction("db-setup");
            DevDatabase devDatabase = target.devDatabase();
            say("db-setup: about to migrate " + devDatabase.describe() + ", then apply the essentials and demo seeds");
            migrateAndSeed(KeelMigrate.Target.open(devDatabase), Seeds.Level.ESSENTIALS, Seeds.Level.DEMO);
            return done("Set up: migrated and seeded.%n");
        }
    }

    @Command(name = "reset", description = "db clean, then db setup: a fresh database with the seeds.")
    static final class Reset extends DbSubcommand {
        @Override
        public Integer call() {
            refuseInProduction("db-reset");
            Database database = recreate("db-reset");
            for (Seeds.Level level : Seeds.Level.values()) {
                seeds().apply(level, database, out());
            }
            return done("Reset: a fresh database with the essentials and demo seeds.%n");
        }
    }
}
