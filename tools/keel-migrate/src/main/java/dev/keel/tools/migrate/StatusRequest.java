package dev.keel.tools.migrate;

import dev.keel.tools.migrate.devdb.RunningDevDatabase;
import dev.keel.tools.migrate.flyway.DirectStatus;
import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migration.MigrationFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A status run as make migrate-status starts it (--json, --dir, --url, --user, --password, each
 * once), answered without picocli or Flyway: the database found by {@link RunningDevDatabase}, the
 * report read by {@link DirectStatus}, printed by {@link StatusOutput} as the status command prints
 * it. Anything else, and every case those two leave to the full path (help, a mistake, no server, a
 * history Flyway has to read, any error), goes to {@link KeelMigrate}'s command line, whose answers
 * stay the only ones (LauncherTest holds both paths equal).
 */
record StatusRequest(
        Path dir,
        boolean json,
        @Nullable String url,
        @Nullable String user,
        @Nullable String password) {

    /** The request {@code arguments} (after "status") make, when they hold only these options, each once. */
    static Optional<StatusRequest> parse(List<String> arguments, Map<String, String> environment) {
        return PlainOptions.parse(arguments, Set.of("--json"), Set.of("--dir", "--url", "--user", "--password"), false)
                .map(options -> new StatusRequest(
                        Path.of(Optional.ofNullable(options.value("--dir"))
                                .orElse(environment.getOrDefault(
                                        KeelMigrate.Target.DIR_VARIABLE, KeelMigrate.Target.DEFAULT_DIR))),
                        options.has("--json"),
                        options.value("--url"),
                        options.value("--user"),
                        options.value("--password")));
    }

    /** Prints the report and returns the exit code; empty, having printed nothing, when the full path has to answer. */
    Optional<Integer> run(PrintWriter out) {
        Optional<Migrations.Report> report;
        try {
            Optional<Connection> connection =
                    RunningDevDatabase.connect(KeelMigrate.Target.devSettings(url, user, password));
            if (connection.isEmpty()) {
                return Optional.empty();
            }
            try (Connection open = connection.get()) {
                report = DirectStatus.read(open, new MigrationFiles(dir));
            }
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
        return report.map(found -> StatusOutput.print(found, json, out));
    }
}
