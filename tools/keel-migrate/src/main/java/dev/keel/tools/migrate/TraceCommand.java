package dev.keel.tools.migrate;

import dev.keel.tools.lint.FindingFormats;
import dev.keel.tools.lint.LintResult;
import dev.keel.tools.lint.MigrationLinter;
import dev.keel.tools.lint.ReleaseHistory;
import dev.keel.tools.migrate.data.RowGenerator;
import dev.keel.tools.migrate.flyway.Placeholders;
import dev.keel.tools.migrate.flyway.ProductionGuard;
import dev.keel.tools.migrate.trace.MigrationTrace;
import dev.keel.tools.migrate.trace.ScratchDatabase;
import dev.keel.tools.migrate.trace.TraceReport;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** keel-migrate trace: the static checker's findings held against what the migrations really do on data. */
@Command(
        name = "trace",
        description = {
            "Replay every migration on a scratch database whose tables hold generated rows, record each statement's "
                    + "locks, rewrites and lock hold times, and report what the static rules missed.",
            "When a server is configured (--url, KEEL_DB_URL or SPRING_DATASOURCE_URL), the scratch database is a new "
                    + "database on it (the user needs CREATEDB), dropped afterwards; otherwise it is a throwaway embedded "
                    + "PostgreSQL 17, removed afterwards. Refuses to run in production (KEEL_ENV=production or the prod "
                    + "profile)."
        })
public final class TraceCommand extends KeelMigrate.Subcommand {

    @Option(
            names = "--format",
            defaultValue = "text",
            description = "text, json, sarif or github: how to print the missed dangers (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(
            names = "--rows",
            defaultValue = "" + RowGenerator.DEFAULT_ROWS,
            description = "Generated rows per table (default: ${DEFAULT-VALUE}).")
    int rows;

    @Override
    public Integer call() throws SQLException {
        if (!FindingFormats.FORMATS.contains(format)) {
            throw new MigrationException(
                    "--format must be one of " + FindingFormats.FORMATS + ", not '" + format + "'.");
        }
        if (rows < 1) {
            throw new MigrationException("--rows must be at least 1.");
        }
        ProductionGuard.refuse(
                "trace",
                "the trace creates, fills and drops a scratch database on the configured server: "
                        + "run it on a development or CI machine");
        MigrationFiles files = target.files();
        // One reading of the releases for both halves, so they agree on which tables are live.
        ReleaseHistory releases = ReleaseHistory.fromEnvironment(files.migrationDirectory());
        LintResult lint = new MigrationLinter(releases).lint(files, List.of());
        TraceReport report;
        String where;
        try (ScratchDatabase scratch = target.scratch()) {
            where = scratch.description();
            RowGenerator generator = new RowGenerator(rows, RowGenerator.DEFAULT_SEED);
            report = new MigrationTrace(scratch, generator, releases)
                    .run(files, placeholders(scratch, files)::resolve, lint.findings(), lint.suppressed());
        }
        PrintWriter out = out();
        if (format.equals("text")) {
            out.println("Scratch: " + where + " (gone after the trace)");
            report.print(out);
            if (!report.missed().isEmpty()) {
                out.println();
            }
        }
        FindingFormats.write(format, report.missed(), out);
        report.failure().ifPresent(failure -> {
            PrintWriter err = spec.commandLine().getErr();
            err.printf(
                    "keel-migrate trace: %s line %d failed: %s%n", failure.file(), failure.line(), failure.message());
            err.flush();
        });
        return report.failed() ? 1 : 0;
    }

    /** Flyway's placeholders take the scratch database's values, as they would take the target's. */
    private static Placeholders placeholders(ScratchDatabase scratch, MigrationFiles files) throws SQLException {
        try (Connection connection = scratch.open();
                Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("SELECT current_schema(), current_user, current_database()")) {
            result.next();
            return new Placeholders(result.getString(1), result.getString(2), result.getString(3), files.settings());
        }
    }
}
