package dev.keel.tools.migrate.flyway;

import dev.keel.tools.migration.FlywaySettings;
import dev.keel.tools.migration.KeelRange;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairResult;

/** Flyway, configured the way Keel runs it, with the views the commands print. */
public final class Migrations {

    /** One row of {@code status}: a migration, where it stands and whether it can be undone. */
    public record Status(
            String version, String description, String state, String checksum, boolean undo, String installedOn) {}

    /** One row of {@code history}: an applied migration, when, by whom, how long it took. */
    public record Applied(
            int rank,
            String version,
            String description,
            String installedOn,
            String installedBy,
            int millis,
            boolean success) {}

    private final Database database;
    private final MigrationFiles files;

    public Migrations(Database database, MigrationFiles files) {
        this.database = database;
        this.files = files;
    }

    public Flyway flyway(String target, Callback... callbacks) {
        // db/flyway.properties, the definition the application applies too, with its location read from the source
        // tree.
        var configuration = Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .configuration(files.settings().forSourceTree(files.root()))
                .callbacks(callbacks);
        if (target != null) {
            configuration.target(target);
        }
        String teamInitSql = configuration.getInitSql();
        configuration.initSql(
                teamInitSql == null || teamInitSql.isBlank()
                        ? DisconnectCheck.SQL
                        : DisconnectCheck.SQL + ";\n" + teamInitSql);
        return configuration.load();
    }

    /**
     * Flyway as {@link #flyway} configures it, for the commands that apply, list or validate: when a template update
     * brought Keel's own migrations ({@link KeelRange}) older than the newest applied one, and every pending
     * migration older than that is Keel's, allowed to apply them out of order. A team's migration older than the
     * newest applied one keeps Flyway's refusal (make migrate-rebase gives it a newer version).
     */
    public Flyway applying(String target, Callback... callbacks) {
        Flyway flyway = flyway(target, callbacks);
        return keelsOnlyBehind(flyway.info())
                ? Flyway.configure()
                        .configuration(flyway.getConfiguration())
                        .outOfOrder(true)
                        .load()
                : flyway;
    }

    /**
     * Whether some pending migrations sort before the newest applied one (Flyway ignores them unless out of order is
     * allowed) and every one of them is Keel's own.
     */
    static boolean keelsOnlyBehind(MigrationInfoService info) {
        List<MigrationInfo> behind = Arrays.stream(info.all())
                .filter(migration -> migration.getState() == MigrationState.IGNORED)
                .toList();
        return !behind.isEmpty()
                && behind.stream()
                        .allMatch(migration ->
                                migration.getVersion() != null && KeelRange.keelsScript(migration.getScript()));
    }

    /**
     * The team's pending migrations older than the newest applied one, each with Keel's fix (Flyway's own message
     * suggests allowing out of order, which Keel does for its own migrations only); empty when there are none.
     */
    private List<String> teamsBehind() {
        try {
            MigrationInfoService info = flyway(null).info();
            MigrationInfo current = info.current();
            return Arrays.stream(info.all())
                    .filter(migration -> migration.getState() == MigrationState.IGNORED
                            && !KeelRange.keelsScript(migration.getScript()))
                    .map(migration -> migration.getScript() + " is yours and older than "
                            + (current == null ? "the newest applied version" : current.getVersion()) + ", the "
                            + "newest applied: give it a newer version (make migrate-rebase on its branch); only Keel's "
                            + "own migrations (" + KeelRange.PREFIX + "..., at midnight) are applied out of order")
                    .toList();
        } catch (FlywayException e) {
            return List.of();
        }
    }

    /** Where the database stands: its current version and every migration, applied or not. */
    public record Report(String current, List<Status> migrations) {

        public long pending() {
            return migrations.stream()
                    .filter(row -> row.state().equals("pending"))
                    .count();
        }
    }

    public Report status() {
        try {
            MigrationInfoService info = applying(null).info();
            List<Status> rows = new ArrayList<>();
            for (MigrationInfo migration : info.all()) {
                String version = migration.getVersion() == null
                        ? ""
                        : migration.getVersion().getVersion();
                boolean undo = files.find(version)
                        .flatMap(MigrationFiles.Migration::undo)
                        .isPresent();
                rows.add(new Status(
                        version,
                        migration.getDescription(),
                        state(migration, KeelRange.keelsScript(migration.getScript())),
                        checksum(migration),
                        undo,
                        migration.getInstalledOn() == null
                                ? ""
                                : migration.getInstalledOn().toInstant().toString()));
            }
            MigrationInfo current = info.current();
            return new Report(
                    current == null || current.getVersion() == null
                            ? ""
                            : current.getVersion().getVersion(),
                    rows);
        } catch (FlywayException e) {
            throw wrap(e);
        }
    }

    /** The state as status prints it; one of Keel's migrations applied after newer ones is simply applied. */
    private static String state(MigrationInfo info, boolean keels) {
        return switch (info.getState()) {
            case PENDING -> "pending";
            case SUCCESS, FUTURE_SUCCESS, BASELINE -> "applied";
            case OUT_OF_ORDER -> keels ? "applied" : "out of order";
            case MISSING_SUCCESS, MISSING_FAILED -> "missing";
            case FAILED, FUTURE_FAILED -> "failed";
            case IGNORED -> "ignored (older than the current version, never applied)";
            default -> info.getState().getDisplayName().toLowerCase();
        };
    }

    private static String checksum(MigrationInfo info) {
        if (!info.isApplied()) {
            return "";
        }
        if (info.getState() == MigrationState.MISSING_SUCCESS || info.getState() == MigrationState.MISSING_FAILED) {
            return "missing";
        }
        return info.isChecksumMatching() ? "ok" : "changed";
    }

    /** Applies what is pending (up to {@code target} when given), printing each migration as it runs. */
    public MigrateResult up(String target, PrintWriter out) {
        try {
            return applying(target, new Progress(out)).migrate();
        } catch (FlywayException e) {
            MigrationException failure = wrap(e);
            String advice = InterruptedIndexBuilds.advice(database)
                    + teamsBehind().stream().map(line -> "\n  " + line).collect(Collectors.joining());
            throw advice.isEmpty() ? failure : new MigrationException(failure.getMessage() + advice, e);
        }
    }

    /**
     * Records the pending migrations up to {@code version} as applied without running them: Flyway
     * applies empty stand-ins with the same names, then repair gives their rows the real checksums.
     */
    public int stamp(String version) {
        Report report = status();
        List<Status> pending = report.migrations().stream()
                .filter(row -> row.state().equals("pending") && row.version().compareTo(version) <= 0)
                .toList();
        if (report.migrations().stream()
                .anyMatch(row -> !row.checksum().isEmpty() && !row.checksum().equals("ok"))) {
            throw new MigrationException("Some applied migrations have changed or missing files (make migrate-status); "
                    + "stamp ends with a repair that would hide that, so resolve them first.");
        }
        if (pending.stream().noneMatch(row -> row.version().equals(version))) {
            throw new MigrationException(version + " is not a pending migration; stamp records pending ones only "
                    + "(make migrate-status lists them).");
        }
        Path standIns = null;
        try {
            standIns = Files.createTempDirectory("keel-stamp-");
            for (Status row : pending) {
                Path file = files.find(row.version())
                        .orElseThrow(() -> new MigrationException("Migration " + row.version()
                                + " is not named as Keel names them (make migrate-validate)."))
                        .file();
                Files.writeString(standIns.resolve(file.getFileName()), "-- stamped by keel-migrate\n");
            }
            Flyway.configure()
                    .configuration(applying(version).getConfiguration())
                    .locations("filesystem:" + standIns.toAbsolutePath())
                    .ignoreMigrationPatterns("*:missing")
                    .load()
                    .migrate();
            flyway(null).repair();
            return pending.size();
        } catch (IOException e) {
            throw new MigrationException("Cannot prepare the stamp: " + e.getMessage(), e);
        } catch (FlywayException e) {
            throw wrap(e);
        } finally {
            if (standIns != null) {
                try (var paths = Files.walk(standIns)) {
                    paths.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                } catch (IOException e) {
                    // a temporary directory left behind is harmless
                }
            }
        }
    }

    public RepairResult repair() {
        try {
            return flyway(null).repair();
        } catch (FlywayException e) {
            throw wrap(e);
        }
    }

    /** How Flyway runs these files: db/flyway.properties. */
    public FlywaySettings settings() {
        return files.settings();
    }

    /** Flyway's built-in placeholders with this database's values, and the team's own, for previews. */
    public Placeholders placeholders() {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("SELECT current_schema(), current_user, current_database()")) {
            result.next();
            return new Placeholders(result.getString(1), result.getString(2), result.getString(3), files.settings());
        } catch (SQLException e) {
            throw database.unreachable(e);
        }
    }

    /** Applies migrations up to {@code target} without printing, for a restore. */
    public void upQuietly(String target) {
        try {
            applying(target).migrate();
        } catch (FlywayException e) {
            throw wrap(e);
        }
    }

    public int backup(Path file) {
        return new Backup(database, this).write(file);
    }

    public int restore(Path file) {
        return new Backup(database, this).restore(file);
    }

    /** Undoes applied migrations, newest first, as {@code plan} says; returns how many. */
    public int down(Undo.Plan plan, PrintWriter out) {
        return new Undo(database, files).run(plan, placeholders(), out);
    }

    /** The undo scripts {@code plan} would run, newest first, for the preview. */
    public List<Path> undoScripts(Undo.Plan plan) {
        return new Undo(database, files).scripts(plan);
    }

    /** Flyway's checksum, naming and ordering checks of the applied migrations against the files. */
    public List<String> validateAgainstDatabase() {
        try {
            var result = applying(null).validateWithResult();
            List<String> problems = new ArrayList<>();
            if (!result.validationSuccessful) {
                result.invalidMigrations.forEach(
                        invalid -> problems.add(invalid.filepath + ": " + invalid.errorDetails.errorMessage));
                problems.addAll(teamsBehind());
            }
            return problems;
        } catch (FlywayException e) {
            throw wrap(e);
        }
    }

    public List<Applied> history() {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            if (!historyTableExists(connection, files.settings())) {
                return List.of();
            }
            List<Applied> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT installed_rank, version, description, installed_on, "
                    + "installed_by, execution_time, success FROM "
                    + files.settings().quotedTable() + " ORDER BY installed_rank")) {
                while (result.next()) {
                    rows.add(new Applied(
                            result.getInt(1),
                            result.getString(2),
                            result.getString(3),
                            result.getTimestamp(4).toInstant().toString(),
                            result.getString(5),
                            result.getInt(6),
                            result.getBoolean(7)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new MigrationException("Cannot read the migration history: " + e.getMessage(), e);
        }
    }

    /** Whether the history table of {@code settings} exists where unqualified names resolve. */
    public static boolean historyTableExists(Connection connection, FlywaySettings settings) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            statement.setString(1, settings.quotedTable());
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private MigrationException wrap(FlywayException e) {
        if (e.getCause() instanceof SQLException cause
                && e.getMessage() != null
                && e.getMessage().contains("Unable to obtain")) {
            return database.unreachable(cause);
        }
        return new MigrationException(e.getMessage(), e);
    }

    /** Prints each migration as it starts and ends, with its duration. */
    private static final class Progress implements Callback {

        private final PrintWriter out;
        private long started;

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            MigrationInfo info = context.getMigrationInfo();
            if (event == Event.BEFORE_EACH_MIGRATE) {
                started = System.nanoTime();
                out.printf("  applying %s  %s ...", info.getVersion(), info.getDescription());
            } else {
                out.printf(" done in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            }
            out.flush();
        }

        @Override
        public String getCallbackName() {
            return "keel-progress";
        }
    }
}
