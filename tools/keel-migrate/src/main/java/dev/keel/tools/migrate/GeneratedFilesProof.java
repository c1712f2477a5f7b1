package dev.keel.tools.migrate;

import dev.keel.tools.devservices.Directories;
import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.MigrationLinter;
import dev.keel.tools.lint.ReleaseHistory;
import dev.keel.tools.migrate.data.RowGenerator;
import dev.keel.tools.migrate.flyway.SqlScript;
import dev.keel.tools.migrate.generate.MigrationPlan.GeneratedFile;
import dev.keel.tools.migrate.proof.MigrationProof;
import dev.keel.tools.migrate.proof.ProofReport;
import dev.keel.tools.migrate.schema.CatalogReader;
import dev.keel.tools.migrate.schema.DeclaredSchema;
import dev.keel.tools.migrate.schema.SchemaWriter;
import dev.keel.tools.migrate.schema.UnifiedDiff;
import dev.keel.tools.migrate.trace.ScratchDatabase;
import dev.keel.tools.migrate.trace.ScratchServer;
import dev.keel.tools.migration.FlywaySettings;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import dev.keel.tools.migration.UndoScript;
import dev.keel.tools.sql.FlywayScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The generated files proved before any is written, on a scratch database holding the migrations: each goes up onto
 * tables full of generated rows, down and up again (the migration test); together they must produce exactly the
 * declared schema; their undo scripts, newest first, must give back the schema the migrations produce.
 */
final class GeneratedFilesProof {

    /**
     * What the proof found: the migration test's report (none when the linter stopped the files first), and why the
     * files failed, when they did.
     */
    record Verdict(@Nullable ProofReport migrationTest, String failure) {

        boolean proved() {
            return failure.isEmpty();
        }
    }

    private final ScratchServer server;
    private final ScratchDatabase database;
    private final MigrationFiles files;
    private final String declaredName;

    /**
     * {@code database}, on {@code server}, holds the migrations of {@code files}, applied; {@code declaredName} names
     * where the declared schema came from, for the messages.
     */
    GeneratedFilesProof(ScratchServer server, ScratchDatabase database, MigrationFiles files, String declaredName) {
        this.server = server;
        this.database = database;
        this.files = files;
        this.declaredName = declaredName;
    }

    Verdict prove(List<GeneratedFile> generated, DeclaredSchema declared) throws IOException {
        Path copy = Files.createTempDirectory("keel-generate-");
        try {
            MigrationFiles withGenerated = copyWith(generated, copy);
            Set<String> existing = files.migrations().stream()
                    .map(MigrationFiles.Migration::version)
                    .collect(Collectors.toSet());
            List<MigrationFiles.Migration> added = withGenerated.migrations().stream()
                    .filter(migration -> !existing.contains(migration.version()))
                    .toList();
            // The linter reads files while the migration test waits on PostgreSQL: run side by side.
            CompletableFuture<List<Finding>> linting =
                    CompletableFuture.supplyAsync(() -> lintErrors(withGenerated, added));
            DeclaredSchema undone = undoneExpected(added);

            ProofReport report = new MigrationProof(
                            database,
                            new FlywayMigrator(database.database(), withGenerated),
                            new RowGenerator(RowGenerator.DEFAULT_ROWS, RowGenerator.DEFAULT_SEED))
                    .run(added, database.description() + " (gone afterwards)");
            List<Finding> lintErrors = linting.join();
            if (!lintErrors.isEmpty()) {
                return new Verdict(
                        null,
                        "make migrate-lint finds errors in them; the declared schema asks for what Keel's rules"
                                + " forbid:\n"
                                + lintErrors.stream()
                                        .map(finding -> "  "
                                                + Path.of(finding.file()).getFileName() + ":"
                                                + finding.line() + ": " + finding.rule() + ": " + finding.message()
                                                + "\n    Fix: " + finding.fix())
                                        .collect(Collectors.joining("\n")));
            }
            if (report.failed()) {
                return new Verdict(report, "the migration test failed on them (above).");
            }

            String expected = SchemaWriter.write(declared);
            String produced = SchemaWriter.write(read(database));
            if (!produced.equals(expected)) {
                return new Verdict(
                        report,
                        "applied after the migrations, they do not produce the schema of " + declaredName + ":\n"
                                + UnifiedDiff.of(declaredName, expected, "after the generated migration", produced));
            }

            for (MigrationFiles.Migration migration : added.reversed()) {
                Path undo = migration.undo().orElseThrow();
                if (!UndoScript.read(undo).irreversible()) {
                    run(undo, database);
                }
            }
            String expectedUndone = SchemaWriter.write(undone.withColumnsByName());
            String producedUndone = SchemaWriter.write(read(database).withColumnsByName());
            if (!producedUndone.equals(expectedUndone)) {
                return new Verdict(
                        report,
                        "their undo scripts, run newest first, do not give back the schema the migrations produce "
                                + "(with what the irreversible ones did; columns compared by name):\n"
                                + UnifiedDiff.of(
                                        "the migrations' schema",
                                        expectedUndone,
                                        "after the undo scripts",
                                        producedUndone));
            }
            return new Verdict(report, "");
        } finally {
            Directories.deleteTree(copy);
        }
    }

    /**
     * The errors make migrate-lint finds in the generated files, every file taken as released: the tables they change
     * are live.
     */
    private static List<Finding> lintErrors(MigrationFiles withGenerated, List<MigrationFiles.Migration> added) {
        Set<String> generated =
                added.stream().map(migration -> migration.file().toString()).collect(Collectors.toSet());
        return new MigrationLinter(ReleaseHistory.everyFileReleased("generated"))
                .lint(withGenerated, List.of()).findings().stream()
                        .filter(Finding::isError)
                        .filter(finding -> generated.contains(finding.file()))
                        .toList();
    }

    /**
     * The schema the undo scripts must give back: the migrations', with what the files whose undo is {@code --
     * keel:irreversible} did (a value added to an enum stays), found by running just those on a copy.
     */
    private DeclaredSchema undoneExpected(List<MigrationFiles.Migration> added) throws IOException {
        List<MigrationFiles.Migration> irreversible = added.stream()
                .filter(migration ->
                        UndoScript.read(migration.undo().orElseThrow()).irreversible())
                .toList();
        if (irreversible.isEmpty()) {
            return read(database);
        }
        try (ScratchDatabase copy = server.copyOf(database)) {
            for (MigrationFiles.Migration migration : irreversible) {
                run(migration.file(), copy);
            }
            return read(copy);
        }
    }

    /** A script as Keel runs it: in one transaction, unless it declares itself non-transactional. */
    private static void run(Path script, ScratchDatabase on) throws IOException {
        String sql = Files.readString(script);
        boolean transactional = !sql.stripLeading().startsWith(FlywayScript.NON_TRANSACTIONAL_HEADER);
        SqlScript.Statement current = null;
        try (Connection connection = on.open();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(!transactional);
            for (SqlScript.Statement each : SqlScript.split(sql)) {
                current = each;
                statement.execute(each.sql());
            }
            if (transactional) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException(
                    "The generated " + script.getFileName()
                            + (current == null ? "" : " line " + current.line() + " (" + current.firstLine() + ")")
                            + " failed on the " + on.description() + "; nothing was written: " + e.getMessage(),
                    e);
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

    /** The migrations, their settings and the generated files in a folder of their own, where Flyway reads them. */
    private MigrationFiles copyWith(List<GeneratedFile> generated, Path copy) throws IOException {
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
        return new MigrationFiles(copy);
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

    /** The migration test's lines, then the two comparisons' verdict. */
    static void print(Verdict verdict, PrintWriter out) {
        if (verdict.migrationTest() != null) {
            verdict.migrationTest().print(out);
        }
        if (verdict.proved()) {
            out.println("Together they produce the declared schema exactly, and their undo scripts, newest first, "
                    + "give it back as the migrations left it.");
        }
    }
}
