package dev.keel.tools.migrate;

import dev.keel.tools.devservices.Directories;
import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migrate.flyway.ProductionGuard;
import dev.keel.tools.migrate.generate.Allowance;
import dev.keel.tools.migrate.generate.GenerationRefused;
import dev.keel.tools.migrate.generate.Generator;
import dev.keel.tools.migrate.generate.MigrationPlan;
import dev.keel.tools.migrate.generate.MigrationPlan.GeneratedFile;
import dev.keel.tools.migrate.schema.CatalogReader;
import dev.keel.tools.migrate.schema.DeclaredSchema;
import dev.keel.tools.migrate.schema.SchemaFile;
import dev.keel.tools.migrate.schema.SchemaWriter;
import dev.keel.tools.migrate.schema.UnifiedDiff;
import dev.keel.tools.migrate.trace.ScratchDatabase;
import dev.keel.tools.migration.FlywaySettings;
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
                    + "schema.sql next to migration/ and undo/, the way a careful person would for live tables: "
                    + "indexes built concurrently in their own files, constraints added NOT VALID and validated later, "
                    + "timeouts in every transactional file. Drops and table rewrites are refused unless --allow "
                    + "permits them.",
            "Before writing anything it proves the files: applied after the migrations on a scratch database, they "
                    + "must produce exactly the schema of the edited schema.sql. No difference writes nothing; for a "
                    + "data migration, or what the generator cannot express, use make migrate-create-manual NAME=...",
            "The scratch databases are chosen as trace chooses them: new databases on the configured server (--url, "
                    + "KEEL_DB_URL or SPRING_DATASOURCE_URL; the user needs CREATEDB), dropped afterwards, else "
                    + "throwaway embedded PostgreSQL 17 servers."
        })
public final class GenerateCommand extends KeelMigrate.Subcommand {

    static final String NO_DIFFERENCE = "no difference between db/schema.sql and the migrations; for a data migration "
            + "or what the generator cannot express: make migrate-create-manual NAME=...";

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

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new MigrationException("'" + name + "' is not a migration name: use lower_case_with_underscores, "
                    + "starting with a letter, at most 60 characters (such as add_widget_note).");
        }
        Set<Allowance> allowances = allowances(allow);
        ProductionGuard.refuse(
                "generate",
                "generating a migration builds scratch databases the command creates and drops on the configured "
                        + "server: run it on a development or CI machine");
        if (!Files.isDirectory(target.dir)) {
            throw new MigrationException("There is no migrations folder " + target.dir + " (--dir).");
        }
        Path schemaFile = SchemaFile.in(target.dir);
        if (!Files.isRegularFile(schemaFile)) {
            throw new MigrationException("There is no " + schemaFile + " to generate from: run make migrate-schema "
                    + "(keel-migrate schema) to write it from the migrations, edit it, then generate.");
        }
        String edited = Files.readString(schemaFile);
        MigrationFiles files = target.files();

        DeclaredSchema from;
        try (ScratchDatabase scratch = target.scratch()) {
            new Migrations(scratch.database(), files).upQuietly(null);
            from = read(scratch);
        }
        DeclaredSchema to;
        try (ScratchDatabase scratch = target.scratch()) {
            load(scratch, edited, schemaFile);
            to = read(scratch);
        }

        PrintWriter out = out();
        MigrationPlan plan;
        try {
            plan = Generator.plan(from, to, allowances);
        } catch (GenerationRefused refused) {
            out.println(refused.getMessage());
            out.flush();
            return 1;
        }
        if (plan.isEmpty()) {
            return done("%s%n", NO_DIFFERENCE);
        }
        List<GeneratedFile> generated = plan.files(firstVersion(files), name);

        String expected = SchemaWriter.write(to);
        String produced = proof(files, generated);
        if (!produced.equals(expected)) {
            out.println(
                    "The generated migration does not produce the schema of " + schemaFile + "; nothing was written:");
            out.print(UnifiedDiff.of(
                    schemaFile + " (edited)", expected, schemaFile + " (after the generated migration)", produced));
            out.flush();
            return 1;
        }

        for (GeneratedFile file : generated) {
            Path path = target.dir.resolve(file.path());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.content());
            out.println("created " + path);
        }
        out.flush();
        return 0;
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

    /**
     * What the generated files make of the migrations, on a scratch database: the migrations and the new files,
     * copied to a folder of their own, applied by Flyway as up applies them (a non-transactional file outside a
     * transaction), then read as schema.sql is written.
     */
    private String proof(MigrationFiles files, List<GeneratedFile> generated) throws IOException {
        Path copy = Files.createTempDirectory("keel-generate-");
        try {
            Path properties = files.root().resolve(FlywaySettings.FILE);
            if (Files.isRegularFile(properties)) {
                Files.copy(properties, copy.resolve(FlywaySettings.FILE));
            }
            copyTree(files.migrationDirectory(), copy.resolve("migration"));
            copyTree(files.undoDirectory(), copy.resolve("undo"));
            for (GeneratedFile file : generated) {
                Path path = copy.resolve(file.path());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.content());
            }
            try (ScratchDatabase scratch = target.scratch()) {
                try {
                    new Migrations(scratch.database(), new MigrationFiles(copy)).upQuietly(null);
                } catch (MigrationException e) {
                    throw new MigrationException(
                            "The generated migration failed on the " + scratch.description() + "; nothing was written: "
                                    + e.getMessage(),
                            e);
                }
                return SchemaWriter.write(read(scratch));
            }
        } finally {
            Directories.deleteTree(copy);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            Files.createDirectories(to);
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path copied = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copied);
                } else {
                    Files.copy(path, copied);
                }
            }
        }
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
