package dev.keel.tools.migrate;

import dev.keel.tools.migrate.flyway.ProductionGuard;
import dev.keel.tools.migrate.schema.SchemaFile;
import dev.keel.tools.migrate.schema.UnifiedDiff;
import dev.keel.tools.migrate.trace.ScratchDatabase;
import dev.keel.tools.migration.MigrationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** keel-migrate schema: db/schema.sql from the migrations, written or, with --check, compared. */
@Command(
        name = "schema",
        description = {
            "Apply every migration to a scratch database and write the schema they produce to schema.sql next to "
                    + "migration/ and undo/: one statement per object, in a stable order, as PostgreSQL's catalog "
                    + "deparses it. Commit it; its diff in a pull request is the schema change. An object kind the "
                    + "file cannot hold yet fails by name.",
            "--check writes nothing: it fails (exit 1) when the committed file is missing or differs from what the "
                    + "migrations produce, printing the difference.",
            "The scratch database is chosen as trace chooses it: a new database on the configured server (--url, "
                    + "KEEL_DB_URL or SPRING_DATASOURCE_URL; the user needs CREATEDB), dropped afterwards, else a "
                    + "throwaway embedded PostgreSQL 17."
        })
public final class SchemaCommand extends KeelMigrate.Subcommand {

    static final String FIX = "run make migrate-schema (keel-migrate schema) and commit db/schema.sql";

    @Option(
            names = "--check",
            description =
                    "Change nothing; fail when schema.sql is missing or differs from what the migrations produce.")
    boolean check;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        Path file = SchemaFile.in(target.dir);
        String produced = produced(target);
        String committed = Files.isRegularFile(file) ? Files.readString(file) : null;
        PrintWriter out = out();
        if (check) {
            if (produced.equals(committed)) {
                return done("%s matches the migrations (%d ms)%n", file, millis(started));
            }
            out.println(
                    committed == null
                            ? file + " is missing: it holds the schema the migrations produce."
                            : file + " differs from the schema the migrations produce:");
            if (committed != null) {
                out.print(UnifiedDiff.of(file + " (committed)", committed, file + " (from the migrations)", produced));
            }
            out.println("Fix: " + FIX + ".");
            out.flush();
            return 1;
        }
        return done("%s (%d ms)%n", write(file, produced, committed), millis(started));
    }

    /**
     * Rewrites schema.sql from a scratch database built from the migrations, not from the development database,
     * which may hold a prototype's tables; for up, after it applied migrations.
     */
    static String rewrite(KeelMigrate.Target target) throws IOException {
        Path file = SchemaFile.in(target.dir);
        if (ProductionGuard.production()) {
            // The migrations went in; a scratch database on the production server is no part of that.
            return file + " not rewritten in production: run make migrate-schema on a development machine";
        }
        return write(file, produced(target), Files.isRegularFile(file) ? Files.readString(file) : null);
    }

    private static String write(Path file, String produced, String committed) throws IOException {
        if (produced.equals(committed)) {
            return file + " is up to date";
        }
        Files.writeString(file, produced);
        return "wrote " + file + (committed == null ? "" : ": review its diff with the migration");
    }

    private static String produced(KeelMigrate.Target target) {
        ProductionGuard.refuse(
                "schema",
                "schema.sql is built on a scratch database the command creates and drops on the configured server: "
                        + "run it on a development or CI machine");
        if (!Files.isDirectory(target.dir)) {
            throw new MigrationException("There is no migrations folder " + target.dir + " (--dir).");
        }
        try (ScratchDatabase scratch = target.scratch()) {
            return SchemaFile.generate(scratch, target.files());
        }
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
