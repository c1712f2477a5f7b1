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
        String dir = null;
        String url = null;
        String user = null;
        String password = null;
        boolean json = false;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            int equals = argument.indexOf('=');
            String name = equals < 0 ? argument : argument.substring(0, equals);
            if (name.equals("--json")) {
                if (json || equals >= 0) return Optional.empty();
                json = true;
                continue;
            }
            String value;
            if (equals >= 0) {
                value = argument.substring(equals + 1);
            } else if (i + 1 < arguments.size() && !arguments.get(i + 1).startsWith("-")) {
                value = arguments.get(++i);
            } else {
                return Optional.empty();
            }
            switch (name) {
                case "--dir" -> {
                    if (dir != null) return Optional.empty();
                    dir = value;
                }
                case "--url" -> {
                    if (url != null) return Optional.empty();
                    url = value;
                }
                case "--user" -> {
                    if (user != null) return Optional.empty();
                    user = value;
                }
                case "--password" -> {
                    if (password != null) return Optional.empty();
                    password = value;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new StatusRequest(
                Path.of(
                        dir != null
                                ? dir
                                : environment.getOrDefault(
                                        KeelMigrate.Target.DIR_VARIABLE, KeelMigrate.Target.DEFAULT_DIR)),
                json,
                url,
                user,
                password));
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
