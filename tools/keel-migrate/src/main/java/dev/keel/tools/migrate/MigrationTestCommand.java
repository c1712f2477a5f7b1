package dev.keel.tools.migrate;

import dev.keel.tools.migrate.data.RowGenerator;
import dev.keel.tools.migrate.flyway.ProductionGuard;
import dev.keel.tools.migrate.proof.MigrationProof;
import dev.keel.tools.migrate.proof.ProofReport;
import dev.keel.tools.migrate.trace.ScratchDatabase;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import java.sql.SQLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** keel-migrate test: every migration tried on tables holding data, and up, down, up again on each. */
@Command(
        name = "test",
        description = {
            "Apply the migrations one at a time on a scratch database, each onto tables filled with generated rows that "
                    + "satisfy their types, NOT NULL, foreign keys, checks and unique keys, so a migration that only fails "
                    + "on data fails here, naming the statement and the table. Each migration then goes up, down and up "
                    + "again: the catalog must come back the same, and tables the undo keeps must keep their rows.",
            "The scratch database is chosen as trace chooses it: a new database on the configured server (--url, "
                    + "KEEL_DB_URL or SPRING_DATASOURCE_URL; the user needs CREATEDB), dropped afterwards, else a "
                    + "throwaway embedded PostgreSQL 17. Refuses to run in production (KEEL_ENV=production or the prod "
                    + "profile)."
        })
public final class MigrationTestCommand extends KeelMigrate.Subcommand {

    @Option(
            names = "--rows",
            defaultValue = "" + RowGenerator.DEFAULT_ROWS,
            description = "Generated rows per table (default: ${DEFAULT-VALUE}).")
    int rows;

    @Override
    public Integer call() throws SQLException {
        if (rows < 1) {
            throw new MigrationException("--rows must be at least 1.");
        }
        ProductionGuard.refuse(
                "test",
                "the test creates, fills and drops a scratch database on the configured server: "
                        + "run it on a development or CI machine");
        MigrationFiles files = target.files();
        ProofReport report;
        try (ScratchDatabase scratch = target.scratch()) {
            MigrationProof proof = new MigrationProof(
                    scratch,
                    new FlywayMigrator(scratch.database(), files),
                    new RowGenerator(rows, RowGenerator.DEFAULT_SEED));
            report = proof.run(files.migrations(), scratch.description() + " (gone afterwards)");
        }
        report.print(out());
        return report.failed() ? 1 : 0;
    }
}
