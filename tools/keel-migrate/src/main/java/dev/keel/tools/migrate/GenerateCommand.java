package dev.keel.tools.migrate;

import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migrate.flyway.ProductionGuard;
import dev.keel.tools.migrate.generate.Allowance;
import dev.keel.tools.migrate.generate.GenerationRefused;
import dev.keel.tools.migrate.generate.Generator;
import dev.keel.tools.migrate.generate.MigrationPlan;
import dev.keel.tools.migrate.generate.MigrationPlan.GeneratedFile;
import dev.keel.tools.migrate.generate.RenameHint;
import dev.keel.tools.migrate.generate.Renames;
import dev.keel.tools.migrate.generate.SchemaChange.Renamed;
import dev.keel.tools.migrate.schema.CatalogReader;
import dev.keel.tools.migrate.schema.DeclaredSchema;
import dev.keel.tools.migrate.schema.SchemaFile;
import dev.keel.tools.migrate.schema.SchemaWriter;
import dev.keel.tools.migrate.trace.ScratchDatabase;
import dev.keel.tools.migrate.trace.ScratchServer;
import dev.keel.tools.migration.KeelRange;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** keel-migrate generate: the migration and undo files that take the migrations' schema to the edited schema.sql. */
@Command(
        name = "generate",
        description = {
            "Write the migrations and their undo scripts that take the schema the migrations produce to the edited "
                    + "schema.sql next to migration/ and undo/ (or, with --from-db, to the development database's "
                    + "schema), the way a careful person would for live tables: indexes built concurrently in their "
                    + "own files, constraints added NOT VALID and validated later, timeouts in every transactional "
                    + "file. Drops and table rewrites are refused unless --allow permits them.",
            "Before writing anything it proves the files on a copy of the migrations' database: each goes up onto "
                    + "tables full of generated rows, down and up again (as keel-migrate test); together they must "
                    + "produce exactly the declared schema; their undo scripts, newest first, must give the "
                    + "migrations' schema back. Then it writes them and rewrites schema.sql in canonical form. No "
                    + "difference writes no migration; for a data migration, or what the generator cannot express, "
                    + "use make migrate-create-manual NAME=...",
            "The scratch databases live on the configured server (--url, KEEL_DB_URL or SPRING_DATASOURCE_URL; the "
                    + "user needs CREATEDB), dropped afterwards, else on one throwaway embedded PostgreSQL 17."
        })
public final class GenerateCommand extends KeelMigrate.Subcommand {

    static final String NO_DIFFERENCE = "no difference between db/schema.sql and the migrations; for a data migration "
            + "or what the generator cannot express: make migrate-create-manual NAME=...";
    static final String NO_DIFFERENCE_FROM_DB = "no difference between the development database and the migrations; "
            + "for a data migration or what the generator cannot express: make migrate-create-manual NAME=...";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,59}");
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    @Parameters(paramLabel = "NAME", description = "lower_case_with_underscores, such as add_widget_note")
    String name;

    @Option(
            names = "--allow",
            split = ",",
            paramLabel = "WORD",
            description = "drop, rewrite or both (--allow drop,rewrite): the unsafe changes to generate anyway.")
    List<String> allow = new ArrayList<>();

    @Option(
            names = "--from-db",
            description = "Read the declared schema from the development database (the configured one, else this "
                    + "branch's on the development server: where a team prototyped in psql) instead of schema.sql.")
    boolean fromDb;

    Clock clock = Clock.systemUTC();

    private Set<Allowance> allowances;

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        if (!NAME.matcher(name).matches()) {
            throw new MigrationException("'" + name + "' is not a migration name: use lower_case_with_underscores, "
                    + "starting with a letter, at most 60 characters (such as add_widget_note).");
        }
        KeelRange.requireTeamName(name);
        allowances = allowances(allow);
        ProductionGuard.refuse(
                "generate",
                "generating a migration builds scratch databases the command creates and drops on the configured "
                        + "server: run it on a development or CI machine");
        if (!Files.isDirectory(target.dir)) {
            throw new MigrationException("There is no migrations folder " + target.dir + " (--dir).");
        }
        Path schemaFile = SchemaFile.in(target.dir);
        if (!fromDb && !Files.isRegularFile(schemaFile)) {
            throw new MigrationException("There is no " + schemaFile + " to generate from: run make migrate-schema "
                    + "(keel-migrate schema) to write it from the migrations, edit it, then generate.");
        }
        MigrationFiles files = target.files();
        PrintWriter out = out();

        String schemaText;
        try (ScratchServer server = target.scratchServer();
                ScratchDatabase migrated = server.newDatabase()) {
            // The edited schema loads into a database of its own while the migrations run: two cores, two sessions.
            CompletableFuture<Declared> reading = fromDb
                    ? CompletableFuture.completedFuture(developmentDatabase())
                    : CompletableFuture.supplyAsync(() -> edited(server, schemaFile));
            new Migrations(migrated.database(), files).upQuietly(null);
            DeclaredSchema from = read(migrated);
            Declared declared = joined(reading);
            // Copied before the plan, which may change the migrated database, so the proof starts from the migrations.
            try (ScratchDatabase proving = server.copyOf(migrated)) {
                MigrationPlan plan;
                try {
                    plan = plan(migrated, from, declared);
                } catch (GenerationRefused refused) {
                    out.println(refused.getMessage());
                    out.flush();
                    return 1;
                }
                if (plan.isEmpty()) {
                    out.println(fromDb ? NO_DIFFERENCE_FROM_DB : NO_DIFFERENCE);
                    out.println(writeSchema(schemaFile, SchemaWriter.write(from)));
                    return done("(%d ms)%n", millis(started));
                }
                List<GeneratedFile> generated = plan.files(firstVersion(files), name);
                GeneratedFilesProof.Verdict verdict = new GeneratedFilesProof(server, proving, files, declared.name())
                        .prove(generated, declared.schema());
                GeneratedFilesProof.print(verdict, out);
                if (!verdict.proved()) {
                    out.println("Nothing was written: " + verdict.failure());
                    out.flush();
                    return 1;
                }
                write(generated, out);
                if (fromDb) {
                    String last = generated.getLast().path().replaceAll(".*/U(\\d+)__.*", "$1");
                    out.println("The development database has these changes already: make migrate-stamp V=" + last
                            + " records the new files as applied there (or make db-reset rebuilds it).");
                }
                schemaText = SchemaWriter.write(declared.schema());
            }
        }
        out.println(writeSchema(schemaFile, schemaText));
        return done("(%d ms)%n", millis(started));
    }

    /**
     * The one place the migration is planned, with the database holding the migrations still open: the declared
     * schema's difference from the migrations' schema, as files.
     */
    private MigrationPlan plan(ScratchDatabase migrated, DeclaredSchema from, Declared declared) {
        List<Renamed> renames = Renames.resolve(RenameHint.in(declared.text()), from, declared.schema());
        if (renames.isEmpty()) {
            return Generator.plan(from, declared.schema(), allowances);
        }
        // PostgreSQL renames, so every definition naming a renamed object is its own rewrite; the diff sees the rest.
        try (Connection connection = migrated.open();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(Renames.sql(renames));
            connection.commit();
        } catch (SQLException e) {
            throw new MigrationException(
                    "The renames the keel:renamed-from hints ask for fail on the migrations' schema: " + e.getMessage(),
                    e);
        }
        return Generator.plan(renames, read(migrated), declared.schema(), allowances);
    }

    /** The declared schema, the text its rename hints are read from, and what to call it in messages. */
    private record Declared(DeclaredSchema schema, String text, String name) {}

    /** The edited schema.sql, loaded into an empty scratch database as psql -f would. */
    private static Declared edited(ScratchServer server, Path schemaFile) {
        String edited;
        try {
            edited = Files.readString(schemaFile);
        } catch (IOException e) {
            throw new MigrationException("Cannot read " + schemaFile + ": " + e.getMessage(), e);
        }
        try (ScratchDatabase scratch = server.newDatabase()) {
            load(scratch, edited, schemaFile);
            return new Declared(read(scratch), edited, schemaFile + " (edited)");
        }
    }

    /** What another thread computed, its failure thrown as it was. */
    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The development database as it is, prototyped in psql: read, never changed. */
    private Declared developmentDatabase() {
        var database = target.database();
        try (Connection connection = database.connect()) {
            return new Declared(
                    CatalogReader.read(connection),
                    "",
                    "the development database " + target.devDatabase().describe());
        } catch (SQLException e) {
            throw new MigrationException(
                    "Cannot read the schema of the development database at " + database.url() + ": " + e.getMessage(),
                    e);
        }
    }

    private void write(List<GeneratedFile> generated, PrintWriter out) throws IOException {
        for (GeneratedFile file : generated) {
            Path path = target.dir.resolve(file.path());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.content());
            out.println("created " + path);
        }
    }

    /** schema.sql is the committed declared schema: after generating, the proved schema in canonical form. */
    private static String writeSchema(Path schemaFile, String text) throws IOException {
        if (Files.isRegularFile(schemaFile) && Files.readString(schemaFile).equals(text)) {
            return schemaFile + " is up to date";
        }
        Files.writeString(schemaFile, text);
        return "wrote " + schemaFile + " in canonical form: commit it with the migration";
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static Set<Allowance> allowances(List<String> words) {
        Set<Allowance> allowances = EnumSet.noneOf(Allowance.class);
        for (String word : words) {
            String trimmed = word.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            allowances.add(Stream.of(Allowance.values())
                    .filter(allowance -> allowance.word().equals(trimmed))
                    .findFirst()
                    .orElseThrow(() -> new MigrationException(
                            "--allow takes drop and rewrite, not '" + trimmed + "' (such as --allow drop,rewrite).")));
        }
        return allowances;
    }

    /** After the newest migration, as create picks it: now, or the second after the newest when that is later. */
    private String firstVersion(MigrationFiles files) {
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).withNano(0);
        if (files.migrations().isEmpty()) {
            return now.format(VERSION);
        }
        String newest = files.migrations().getLast().version();
        LocalDateTime after;
        try {
            after = LocalDateTime.parse(newest, VERSION).plusSeconds(1);
        } catch (DateTimeParseException e) {
            throw new MigrationException(
                    "The newest migration's version " + newest + " is not a yyyyMMddHHmmss time: cannot number the "
                            + "generated files after it.",
                    e);
        }
        return (now.isAfter(after) ? now : after).format(VERSION);
    }

    private static DeclaredSchema read(ScratchDatabase scratch) {
        try (Connection connection = scratch.open()) {
            return CatalogReader.read(connection);
        } catch (SQLException e) {
            throw new MigrationException(
                    "Cannot read the schema of the " + scratch.description() + ": " + e.getMessage(), e);
        }
    }

    /** The edited schema.sql run on the empty scratch database as psql -f would: one script, simple protocol. */
    private static void load(ScratchDatabase scratch, String schemaSql, Path schemaFile) {
        String url = scratch.url() + (scratch.url().contains("?") ? "&" : "?") + "preferQueryMode=simple";
        var login = scratch.database();
        try (Connection connection = DriverManager.getConnection(url, login.user(), login.password());
                Statement statement = connection.createStatement()) {
            statement.execute(schemaSql);
        } catch (SQLException e) {
            throw new MigrationException(
                    schemaFile + " does not run on an empty database: " + e.getMessage()
                            + "\n  Fix: correct the edit; make migrate-schema rewrites the file from the migrations.",
                    e);
        }
    }
}
