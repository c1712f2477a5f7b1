package dev.keel.tools.migrate;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.db.DevDatabase;
import dev.keel.tools.devservices.db.DevSettings;
import dev.keel.tools.devservices.db.EmbeddedDevPostgres;
import dev.keel.tools.lint.TransactionProblems;
import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migrate.flyway.DirectStatus;
import dev.keel.tools.migrate.flyway.LinearHistory;
import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migrate.flyway.Placeholders;
import dev.keel.tools.migrate.flyway.ProductionGuard;
import dev.keel.tools.migrate.flyway.Undo;
import dev.keel.tools.migrate.trace.ScratchDatabase;
import dev.keel.tools.migrate.trace.ScratchServer;
import dev.keel.tools.migration.KeelRange;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import dev.keel.tools.migration.Templates;
import dev.keel.tools.migration.VersionOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** keel-migrate: the command line behind the make migrate-* targets. Exit code 0 on success, 1 otherwise. */
@Command(
        name = "keel-migrate",
        mixinStandardHelpOptions = true,
        description = "Versioned PostgreSQL migrations on Flyway, with undo scripts.",
        subcommands = {
            KeelMigrate.Status.class,
            KeelMigrate.Up.class,
            KeelMigrate.Down.class,
            KeelMigrate.DownTo.class,
            KeelMigrate.DownAll.class,
            KeelMigrate.History.class,
            KeelMigrate.Validate.class,
            KeelMigrate.Create.class,
            GenerateCommand.class,
            KeelMigrate.Show.class,
            KeelMigrate.Sql.class,
            KeelMigrate.Repair.class,
            KeelMigrate.Rebase.class,
            KeelMigrate.Stamp.class,
            KeelMigrate.BackupCommand.class,
            KeelMigrate.RestoreCommand.class,
            LintCommand.class,
            TraceCommand.class,
            MigrationTestCommand.class,
            SchemaCheckCommand.class,
            SchemaCommand.class,
            BackfillCommand.class,
            DbCommand.class,
            VerifySetupCommand.class
        })
public final class KeelMigrate {

    /** The environment and working directory the commands read; tests point them at a sandbox. */
    static Map<String, String> environment = System.getenv();

    static Path workingDirectory = Path.of("");

    /** Held so the level sticks: Flyway's own INFO lines would drown the commands' output. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    public static void main(String[] args) {
        FLYWAY_LOG.setLevel(Level.WARNING);
        System.exit(commandLine().execute(args));
    }

    /** The command line with Keel's error handling: a MigrationException prints its message alone. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new KeelMigrate());
        commandLine.setExecutionExceptionHandler(KeelMigrate::reportFailure);
        withHelp(commandLine);
        return commandLine;
    }

    /** A MigrationException or DevServiceException prints its message alone; anything else, itself. */
    static int reportFailure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        return reportFailure(e, command.getErr());
    }

    static int reportFailure(Exception e, PrintWriter err) {
        String message =
                e instanceof MigrationException || e instanceof DevServiceException ? e.getMessage() : e.toString();
        err.println("keel-migrate: " + message);
        err.flush();
        return 1;
    }

    /** --help and --version on every command, however deep: `keel-migrate lint --help` says what lint does. */
    private static void withHelp(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            withHelp(sub);
        }
    }

    /** What every subcommand has: where the files and the database are, and picocli's output. */
    abstract static class Subcommand implements Callable<Integer> {

        @Mixin
        Target target;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Prints the closing line, flushed, and succeeds. */
        int done(String format, Object... args) {
            PrintWriter out = out();
            out.printf(format, args);
            out.flush();
            return 0;
        }
    }

    /** Where the files are and which database to use. */
    static final class Target {

        static final String DIR_VARIABLE = "KEEL_MIGRATIONS_DIR";
        static final String DEFAULT_DIR = "migrations/src/main/resources/db";

        @Option(
                names = "--dir",
                description = "Folder holding migration/ and undo/ (default: ${DEFAULT-VALUE}).",
                defaultValue = "${env:" + DIR_VARIABLE + ":-" + DEFAULT_DIR + "}")
        Path dir;

        @Option(
                names = "--url",
                description = "JDBC URL (default: KEEL_DB_URL, SPRING_DATASOURCE_URL, or this branch's database on "
                        + "the development server).")
        String url;

        @Option(names = "--user", description = "Database user (default: KEEL_DB_USER or keel).")
        String user;

        @Option(names = "--password", description = "Database password (default: KEEL_DB_PASSWORD or keel).")
        String password;

        MigrationFiles files() {
            return new MigrationFiles(dir);
        }

        /** The development settings, with the options standing in for KEEL_DB_URL, KEEL_DB_USER and KEEL_DB_PASSWORD. */
        DevSettings devSettings() {
            return devSettings(url, user, password);
        }

        /** The development settings, with {@code url}, {@code user} and {@code password}, when given, standing in for the variables. */
        static DevSettings devSettings(@Nullable String url, @Nullable String user, @Nullable String password) {
            Map<String, String> env = new HashMap<>(environment);
            if (url != null) {
                env.put("KEEL_DB_URL", url);
            }
            if (user != null) {
                env.put("KEEL_DB_USER", user);
            }
            if (password != null) {
                env.put("KEEL_DB_PASSWORD", password);
            }
            return DevSettings.from(env, workingDirectory);
        }

        /** This checkout's development database: yours when configured, else this branch's, on Keel's server. */
        DevDatabase devDatabase() {
            return DevDatabase.locate(devSettings());
        }

        /** The options, else the environment, else this branch's database on Keel's server, created on first use. */
        Database database() {
            return open(devDatabase());
        }

        /** {@code devDatabase}, created first when it is missing on Keel's server. */
        static Database open(DevDatabase devDatabase) {
            DevDatabase.Login login = devDatabase.open();
            return new Database(login.jdbcUrl(), login.username(), login.password());
        }

        Migrations migrations() {
            return new Migrations(database(), files());
        }

        /** A scratch database: new on the configured server when there is one, else a throwaway embedded one. */
        ScratchDatabase scratch() {
            return configured() ? ScratchDatabase.on(database()) : ScratchDatabase.embedded();
        }

        /**
         * Where several scratch databases go: the configured server; else the embedded development server when it
         * runs, which saves starting one (more than a second); else one throwaway embedded server for all.
         */
        ScratchServer scratchServer() {
            if (configured()) {
                return ScratchServer.configured(database());
            }
            EmbeddedDevPostgres development = EmbeddedDevPostgres.of(devSettings());
            if (development.running()) {
                PostgresEndpoint admin = development.admin();
                return ScratchServer.running(
                        new Database(admin.jdbcUrl(), admin.username(), admin.password()),
                        "the development server on port " + admin.port());
            }
            return ScratchServer.embedded();
        }

        private boolean configured() {
            return url != null
                    || Stream.of("KEEL_DB_URL", "SPRING_DATASOURCE_URL")
                            .map(System::getenv)
                            .anyMatch(value -> value != null && !value.isBlank());
        }
    }

    @Command(name = "status", description = "Current version, pending migrations, and the state of the applied ones.")
    static final class Status extends Subcommand {

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            Database database = target.database();
            MigrationFiles files = target.files();
            Migrations.Report report =
                    DirectStatus.read(database, files).orElseGet(() -> new Migrations(database, files).status());
            return StatusOutput.print(report, json, out());
        }
    }

    @Command(name = "up", description = "Apply every pending migration, or up to --to.")
    static final class Up extends Subcommand {

        @Option(names = "--to", description = "Stop after this version.")
        String to;

        @Option(
                names = "--write-schema",
                description = "When it applied any, rewrite schema.sql from a scratch database built from the "
                        + "migrations (make migrate-up does).")
        boolean writeSchema;

        @Override
        public Integer call() throws IOException {
            ProductionGuard.requireConfirmation("up");
            PrintWriter out = out();
            long started = System.nanoTime();
            MigrateResult result = target.migrations().up(to, out);
            out.printf(
                    "%s; now at version %s (%d ms)%n",
                    result.migrationsExecuted == 0
                            ? "Nothing to apply"
                            : "Applied " + result.migrationsExecuted + " migration"
                                    + (result.migrationsExecuted == 1 ? "" : "s"),
                    now(result),
                    (System.nanoTime() - started) / 1_000_000);
            if (writeSchema && result.migrationsExecuted > 0) {
                out.println(SchemaCommand.rewrite(target));
            }
            out.flush();
            return 0;
        }
    }

    /**
     * Where the schema is after {@code result}: the newest version applied, which is the last one applied unless
     * that was one of Keel's migrations older than the newest (Flyway reports the last).
     */
    static String now(MigrateResult result) {
        String before = result.initialSchemaVersion;
        String last = result.targetSchemaVersion;
        if (last == null || (before != null && VersionOrder.NATURAL.compare(before, last) > 0)) {
            return before == null ? "(empty)" : before;
        }
        return last;
    }

    /** What the three down commands share: run the plan and say where the database is now. */
    abstract static class DownCommand extends Subcommand {

        abstract Undo.Plan plan();

        @Override
        public Integer call() {
            ProductionGuard.requireConfirmation("down");
            ProductionGuard.requireRecentBackup();
            PrintWriter out = out();
            long started = System.nanoTime();
            Migrations migrations = target.migrations();
            int undone = migrations.down(plan(), out);
            String current = migrations.status().current();
            out.printf(
                    "%s; now at version %s (%d ms)%n",
                    undone == 0 ? "Nothing to undo" : "Undid " + undone + " migration" + (undone == 1 ? "" : "s"),
                    current.isEmpty() ? "(empty schema)" : current,
                    (System.nanoTime() - started) / 1_000_000);
            out.flush();
            return 0;
        }
    }

    @Command(name = "down", description = "Undo the last applied migration, or the last --steps.")
    static final class Down extends DownCommand {

        @Option(names = "--steps", defaultValue = "1", description = "How many to undo (default: ${DEFAULT-VALUE}).")
        int steps;

        @Override
        Undo.Plan plan() {
            if (steps < 1) {
                throw new MigrationException("--steps must be at least 1.");
            }
            return new Undo.Steps(steps);
        }
    }

    @Command(name = "down-to", description = "Undo every applied migration newer than VERSION.")
    static final class DownTo extends DownCommand {

        @Parameters(paramLabel = "VERSION")
        String version;

        @Override
        Undo.Plan plan() {
            if (!version.matches("\\d{14}")) {
                throw new MigrationException(
                        "'" + version + "' is not a migration version (yyyyMMddHHmmss, as in status).");
            }
            return new Undo.DownTo(version);
        }
    }

    @Command(name = "down-all", description = "Undo every applied migration, back to an empty schema.")
    static final class DownAll extends DownCommand {

        @Override
        Undo.Plan plan() {
            return new Undo.All();
        }
    }

    @Command(name = "history", description = "Applied migrations: when, by whom, how long.")
    static final class History extends Subcommand {

        @Override
        public Integer call() {
            PrintWriter out = out();
            out.printf(
                    "%-4s %-16s %-32s %-28s %-12s %8s  %s%n",
                    "#", "VERSION", "DESCRIPTION", "INSTALLED ON", "BY", "MS", "OK");
            for (Migrations.Applied row : target.migrations().history()) {
                out.printf(
                        "%-4d %-16s %-32s %-28s %-12s %8d  %s%n",
                        row.rank(),
                        row.version(),
                        row.description(),
                        row.installedOn(),
                        row.installedBy(),
                        row.millis(),
                        row.success() ? "yes" : "FAILED");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "validate", description = "Naming, an undo for every migration, no duplicate versions, checksums.")
    static final class Validate extends Subcommand {

        @Option(names = "--offline", description = "Check the files only, without a database.")
        boolean offline;

        @Option(
                names = "--main",
                description = "The main branch's ref, for the linear-history check (default: ${DEFAULT-VALUE}).",
                defaultValue = "${env:KEEL_MAIN_REF:-main}")
        String main;

        @Override
        public Integer call() {
            PrintWriter out = out();
            List<String> problems = new java.util.ArrayList<>(target.files().problems());
            problems.addAll(TransactionProblems.messages(target.files()));
            LinearHistory history = new LinearHistory(target.files(), main);
            if (history.mainVersions().isEmpty()) {
                out.println("  note: no git ref '" + main + "' to compare with, so the linear-history check did not run"
                        + " (set MAIN= or KEEL_MAIN_REF, e.g. origin/main)");
            }
            problems.addAll(history.problems());
            if (!offline && problems.isEmpty()) {
                problems.addAll(target.migrations().validateAgainstDatabase());
            }
            problems.forEach(problem -> out.println("  " + problem));
            out.println(
                    problems.isEmpty()
                            ? "valid: " + target.files().migrations().size() + " migrations, each with its undo"
                                    + (offline ? " (files only)" : ", checksums match the database")
                            : problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " found");
            out.flush();
            return problems.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "show", description = "A migration's state, its SQL and its undo SQL.")
    static final class Show extends Subcommand {

        @Parameters(paramLabel = "VERSION")
        String version;

        @Override
        public Integer call() throws IOException {
            MigrationFiles.Migration migration = target.files()
                    .find(version)
                    .orElseThrow(() -> new MigrationException("There is no migration " + version + " in "
                            + target.files().migrationDirectory() + " (make migrate-status lists them)."));
            String state = target.migrations().status().migrations().stream()
                    .filter(row -> row.version().equals(version))
                    .map(Migrations.Status::state)
                    .findFirst()
                    .orElse("?");
            PrintWriter out = out();
            out.printf(
                    "%s  %s  (%s)%n%n-- %s%n%s%n",
                    migration.version(),
                    migration.description(),
                    state,
                    migration.file(),
                    Files.readString(migration.file()).strip());
            out.printf(
                    "%n-- %s%n%s%n",
                    migration.undo().map(Path::toString).orElse("no undo script"),
                    migration.undo().isPresent()
                            ? Files.readString(migration.undo().get()).strip()
                            : "");
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "sql",
            description = "Print the SQL that up (or, with --direction down, down) would run; changes nothing.")
    static final class Sql extends Subcommand {

        @Option(names = "--direction", defaultValue = "up", description = "up or down (default: ${DEFAULT-VALUE}).")
        String direction;

        @Option(
                names = "--steps",
                defaultValue = "1",
                description = "With --direction down: how many (default: ${DEFAULT-VALUE}).")
        int steps;

        @Override
        public Integer call() throws IOException {
            Migrations migrations = target.migrations();
            List<Migrations.Status> rows = migrations.status().migrations();
            List<Path> scripts = new java.util.ArrayList<>();
            switch (direction) {
                case "up" ->
                    rows.stream()
                            .filter(row -> row.state().equals("pending"))
                            .forEach(row -> scripts.add(target.files()
                                    .find(row.version())
                                    .orElseThrow(() -> new MigrationException("Migration " + row.version()
                                            + " is not named as Keel names them (make migrate-validate)."))
                                    .file()));
                case "down" -> scripts.addAll(migrations.undoScripts(new Undo.Steps(steps)));
                default -> throw new MigrationException("--direction must be up or down, not '" + direction + "'.");
            }
            PrintWriter out = out();
            if (scripts.isEmpty()) {
                out.println("-- nothing to run " + direction);
            }
            Placeholders placeholders = migrations.placeholders();
            for (Path script : scripts) {
                out.printf(
                        "-- %s%n%s%n%n",
                        script.getFileName(),
                        placeholders.resolve(
                                Files.readString(script).strip(),
                                script.getFileName().toString()));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "backup", description = "Write the migration history and every table's rows to FILE (a zip).")
    static final class BackupCommand extends Subcommand {

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            int tables = target.migrations().backup(file);
            return done("Backed up %d tables and the migration history to %s%n", tables, file);
        }
    }

    @Command(name = "restore", description = "Restore FILE into an empty database: same migrations, history and rows.")
    static final class RestoreCommand extends Subcommand {

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            ProductionGuard.requireConfirmation("restore");
            if (!Files.isRegularFile(file)) {
                throw new MigrationException("There is no backup at " + file + ".");
            }
            int tables = target.migrations().restore(file);
            return done("Restored %d tables and the migration history from %s%n", tables, file);
        }
    }

    @Command(name = "stamp", description = "Record pending migrations up to VERSION as applied, without running them.")
    static final class Stamp extends Subcommand {

        @Parameters(paramLabel = "VERSION")
        String version;

        @Override
        public Integer call() {
            ProductionGuard.requireConfirmation("stamp");
            int stamped = target.migrations().stamp(version);
            return done(
                    "Stamped %d migration%s as applied without running them; now at version %s%n",
                    stamped, stamped == 1 ? "" : "s", version);
        }
    }

    @Command(
            name = "repair",
            description = "Flyway repair: drop failed history rows, realign checksums with the files.")
    static final class Repair extends Subcommand {

        @Override
        public Integer call() {
            ProductionGuard.requireConfirmation("repair");
            var result = target.migrations().repair();
            return done(
                    "Repaired: %d failed rows removed, %d checksums realigned%n",
                    result.migrationsRemoved.size(), result.migrationsAligned.size());
        }
    }

    @Command(
            name = "rebase",
            description = "Give this branch's migrations new versions after the main branch's newest.")
    static final class Rebase extends Subcommand {

        @Option(
                names = "--main",
                description = "The main branch's ref (default: ${DEFAULT-VALUE}).",
                defaultValue = "${env:KEEL_MAIN_REF:-main}")
        String main;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() throws IOException {
            List<LinearHistory.Rename> renames = new LinearHistory(target.files(), main).rebase(clock);
            PrintWriter out = out();
            renames.forEach(rename -> out.printf(
                    "renamed %s__%s -> %s__%s (and its undo)%n",
                    rename.from(), rename.name(), rename.to(), rename.name()));
            out.println(
                    renames.isEmpty()
                            ? "Nothing to rebase: this branch's migrations already follow " + main + "'s."
                            : "Rebased " + renames.size() + " migration" + (renames.size() == 1 ? "" : "s") + " onto "
                                    + main
                                    + "; databases that ran the old versions: make migrate-down-to, then migrate-up.");
            out.flush();
            return 0;
        }
    }

    @Command(
            name = "create",
            aliases = "create-manual",
            description = "Write a new migration and its undo script from the model checklist.")
    static final class Create extends Subcommand {

        private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,59}");
        private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

        @Parameters(paramLabel = "NAME", description = "lower_case_with_underscores, such as add_gadgets_table")
        String name;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() throws IOException {
            if (!NAME.matcher(name).matches()) {
                throw new MigrationException("'" + name + "' is not a migration name: use lower_case_with_underscores, "
                        + "starting with a letter, at most 60 characters (such as add_gadgets_table).");
            }
            KeelRange.requireTeamName(name);
            MigrationFiles files = target.files();
            String version = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).format(VERSION);
            String newest = files.migrations().isEmpty()
                    ? "0"
                    : files.migrations().getLast().version();
            if (version.compareTo(newest) <= 0) {
                version = Long.toString(Long.parseLong(newest) + 1); // keep the history linear
            }
            version = KeelRange.teamVersion(version); // midnight is Keel's
            Path migration = files.migrationDirectory().resolve("V" + version + "__" + name + ".sql");
            Path undo = files.undoDirectory().resolve("U" + version + "__" + name + ".sql");
            Files.createDirectories(migration.getParent());
            Files.createDirectories(undo.getParent());
            Templates.Pair pair = Templates.pair(name, migration.getFileName().toString());
            Files.writeString(migration, pair.migration());
            Files.writeString(undo, pair.undo());
            PrintWriter out = out();
            out.println("created " + migration);
            out.println("created " + undo);
            out.flush();
            return 0;
        }
    }
}
