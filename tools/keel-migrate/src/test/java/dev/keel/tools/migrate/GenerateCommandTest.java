package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.lint.Finding;
import dev.keel.tools.lint.MigrationLinter;
import dev.keel.tools.lint.ReleaseHistory;
import dev.keel.tools.migration.MigrationFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** keel-migrate generate end to end on PostgreSQL 17: schema.sql edited, files generated, proved and written. */
class GenerateCommandTest {

    /** Far ahead of the clock, so the generated versions are the seconds after it. */
    private static final String NEWEST = "29990101000000";

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    @Test
    void writesTheMigrationsThatTakeTheMigrationsToTheEditedSchema() throws Exception {
        oneTable();
        assertThat(run("schema").exitCode()).isZero();
        String schema = Files.readString(schemaFile());
        String start = "CREATE TABLE public.widget (\n";
        int end = schema.indexOf("\n);", schema.indexOf(start));
        Files.writeString(
                schemaFile(),
                schema.substring(0, end) + ",\n    note text" + schema.substring(end)
                        + "\nCREATE INDEX widget_note_idx ON public.widget USING btree (note);\n");

        Run generate = run("generate", "add_note");

        assertThat(generate.exitCode()).as(generate.out() + generate.err()).isZero();
        List<String> written = List.of(
                "migration/V29990101000001__add_note.sql",
                "undo/U29990101000001__add_note.sql",
                "migration/V29990101000002__add_note_create_widget_note_idx.sql",
                "undo/U29990101000002__add_note_create_widget_note_idx.sql");
        assertThat(files())
                .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                Stream.of(
                                        "migration/V" + NEWEST + "__create_widget.sql",
                                        "undo/U" + NEWEST + "__create_widget.sql"),
                                written.stream())
                        .toList());
        for (String path : written) {
            assertThat(generate.out()).contains("created " + dir.resolve(path));
        }
        assertThat(Files.readString(dir.resolve(written.get(0)))).contains("ADD COLUMN note text");
        assertThat(Files.readString(dir.resolve(written.get(2))))
                .contains("-- keel:non-transactional", "CREATE INDEX CONCURRENTLY");
        MigrationFiles files = new MigrationFiles(dir);
        assertThat(files.problems()).isEmpty();
        assertThat(lintErrors(files)).isEmpty();

        Run again = run("generate", "add_note_again");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains(GenerateCommand.NO_DIFFERENCE);
        assertThat(files()).hasSize(6);
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void aDropIsRefusedWithoutAllowDropAndNothingIsWritten() throws Exception {
        oneTable();
        assertThat(run("schema").exitCode()).isZero();
        String schema = Files.readString(schemaFile());
        Files.writeString(schemaFile(), schema.replace(",\n    name text NOT NULL", ""));
        assertThat(Files.readString(schemaFile())).isNotEqualTo(schema);

        Run refused = run("generate", "drop_name");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out())
                .contains("nothing was written", "column public.widget.name")
                .contains("drop");
        assertThat(files()).hasSize(2);

        Run allowed = run("generate", "drop_name", "--allow", "drop");

        assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
        assertThat(files()).contains("migration/V29990101000001__drop_name.sql");
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void withoutSchemaSqlItPointsToMakeMigrateSchema() throws Exception {
        oneTable();

        Run generate = run("generate", "add_note");

        assertThat(generate.exitCode()).isEqualTo(1);
        assertThat(generate.err()).contains("schema.sql", "make migrate-schema");
        assertThat(files()).hasSize(2);
    }

    @Test
    void anUnknownAllowWordIsRefused() throws Exception {
        oneTable();
        run("schema");

        Run generate = run("generate", "add_note", "--allow", "everything");

        assertThat(generate.exitCode()).isEqualTo(1);
        assertThat(generate.err()).contains("--allow takes drop and rewrite");
    }

    private void oneTable() throws IOException {
        Files.createDirectories(dir.resolve("migration"));
        Files.createDirectories(dir.resolve("undo"));
        Files.writeString(
                dir.resolve("migration/V" + NEWEST + "__create_widget.sql"),
                "CREATE TABLE widget (id bigint PRIMARY KEY, name text NOT NULL);\n");
        Files.writeString(dir.resolve("undo/U" + NEWEST + "__create_widget.sql"), "DROP TABLE widget;\n");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> paths = Stream.of("migration", "undo").flatMap(folder -> {
            try {
                return Files.list(dir.resolve(folder));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })) {
            return paths.map(path -> dir.relativize(path).toString()).toList();
        }
    }

    /** The linter's errors in the generated files, every file its own release (the table is live). */
    private static List<Finding> lintErrors(MigrationFiles files) {
        return new MigrationLinter(ReleaseHistory.everyFileReleased("test"))
                .lint(files, List.of()).findings().stream()
                        .filter(finding -> finding.file().contains("__add_note"))
                        .filter(Finding::isError)
                        .toList();
    }

    private Path schemaFile() {
        return dir.resolve("schema.sql");
    }

    private Run run(String... args) {
        PostgresEndpoint server = ScratchServers.admin();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = KeelMigrate.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--dir",
                dir.toString(),
                "--url",
                server.jdbcUrl(),
                "--user",
                server.username(),
                "--password",
                server.password()));
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
