package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/** keel-migrate generate end to end on PostgreSQL 17: schema.sql edited, files generated, proved and written. */
@ResourceLock(value = ProcessEnvironment.LOCK, mode = ResourceAccessMode.READ)
class GenerateCommandTest {

    /**
     * Far ahead of the clock, so the generated versions are the seconds after it: the second before midnight, so
     * they also show midnight (Keel's own versions) skipped.
     */
    private static final String NEWEST = "29990101235959";

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
        // Written as a person would, not as the file is written: generate rewrites it in canonical form.
        Files.writeString(
                schemaFile(),
                schema.substring(0, end) + ",\n    note text" + schema.substring(end)
                        + "\ncreate index widget_note_idx on widget (note);\n");

        Run generate = run("generate", "add_note");

        assertThat(generate.exitCode()).as(generate.out() + generate.err()).isZero();
        List<String> written = List.of(
                "migration/V29990102000001__add_note.sql",
                "undo/U29990102000001__add_note.sql",
                "migration/V29990102000002__add_note_create_widget_note_idx.sql",
                "undo/U29990102000002__add_note_create_widget_note_idx.sql");
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
        assertThat(generate.out())
                .contains(
                        "Migration test on",
                        "ok     V29990102000001__add_note.sql",
                        "ok     V29990102000002__add_note_create_widget_note_idx.sql",
                        "2 of 2 migrations passed on data and round trip.",
                        "their undo scripts, newest first, give it back");
        assertThat(generate.out()).contains("wrote " + schemaFile() + " in canonical form");
        assertThat(Files.readString(schemaFile()))
                .contains("CREATE INDEX widget_note_idx ON public.widget USING btree (note);")
                .doesNotContain("create index");
        Run drift = run("schema", "--check");
        assertThat(drift.exitCode()).as(drift.out()).isZero();
        String canonical = Files.readString(schemaFile());

        Run again = run("generate", "add_note_again");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains(GenerateCommand.NO_DIFFERENCE, schemaFile() + " is up to date");
        assertThat(files()).hasSize(6);
        assertThat(Files.readString(schemaFile())).isEqualTo(canonical);
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void aDropIsRefusedWithoutAllowDropAndNothingIsWritten() throws Exception {
        oneTable("CONSTRAINT widget_name_check CHECK (name <> '')");
        assertThat(run("schema").exitCode()).isZero();
        String schema = Files.readString(schemaFile());
        String check = "ALTER TABLE public.widget ADD CONSTRAINT widget_name_check CHECK ((name <> ''::text));\n";
        assertThat(schema).contains(check);
        Files.writeString(schemaFile(), schema.replace(check, ""));

        Run refused = run("generate", "drop_name_check");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out())
                .contains("nothing was written", "constraint widget_name_check on public.widget")
                .contains("drop");
        assertThat(files()).hasSize(2);

        Run allowed = run("generate", "drop_name_check", "--allow", "drop");

        assertThat(allowed.exitCode()).as(allowed.out() + allowed.err()).isZero();
        assertThat(files()).contains("migration/V29990102000001__drop_name_check.sql");
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    /**
     * The proof tries the files on tables holding rows before writing them: the undo of a dropped NOT NULL column
     * without a default cannot add it back to a table with rows, so nothing is written and the output says why.
     */
    @Test
    void theProofRefusesACheckTheRowsOfALiveTableBreak() throws Exception {
        oneTable();
        assertThat(run("schema").exitCode()).isZero();
        String edited = Files.readString(schemaFile())
                + "\nALTER TABLE public.widget ADD CONSTRAINT widget_name_long CHECK (length(name) > 1000);\n";
        Files.writeString(schemaFile(), edited);

        Run refused = run("generate", "long_names");

        assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
        assertThat(refused.out())
                .contains("FAILED V29990102000002__long_names_validate.sql", "widget_name_long", "violated by some row")
                .contains("Nothing was written: the migration test failed on them");
        assertThat(files()).hasSize(2);
        assertThat(Files.readString(schemaFile())).isEqualTo(edited);
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void renamesOnAHintAndRewritesSchemaSqlWithoutIt() throws Exception {
        oneTable("note text");
        assertThat(run("schema").exitCode()).isZero();
        Files.writeString(
                schemaFile(),
                Files.readString(schemaFile()).replace("    note text", "    remark text -- keel:renamed-from note"));

        Run generate = run("generate", "rename_note");

        assertThat(generate.exitCode()).as(generate.out() + generate.err()).isZero();
        assertThat(Files.readString(dir.resolve("migration/V29990102000001__rename_note.sql")))
                .contains("ALTER TABLE public.widget RENAME COLUMN note TO remark;");
        assertThat(Files.readString(dir.resolve("undo/U29990102000001__rename_note.sql")))
                .contains("ALTER TABLE public.widget RENAME COLUMN remark TO note;");
        assertThat(Files.readString(schemaFile()))
                .contains("    remark text\n")
                .doesNotContain("keel:renamed-from note");
        assertThat(run("schema", "--check").exitCode()).isZero();
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void aHintNamingNothingIsRefusedWithItsLine() throws Exception {
        oneTable("note text");
        assertThat(run("schema").exitCode()).isZero();
        String edited = Files.readString(schemaFile())
                .replace("    note text", "    remark text -- keel:renamed-from nothing_like_it");
        Files.writeString(schemaFile(), edited);

        Run refused = run("generate", "rename_note");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out())
                .containsPattern("db/schema.sql line \\d+: -- keel:renamed-from nothing_like_it: the migrations have"
                        + " no column nothing_like_it in public.widget to rename");
        assertThat(files()).hasSize(2);
        assertThat(Files.readString(schemaFile())).isEqualTo(edited);
    }

    @Test
    void aTableOutsideTheModelChecklistIsRefusedByTheLinter() throws Exception {
        oneTable();
        assertThat(run("schema").exitCode()).isZero();
        Files.writeString(
                schemaFile(),
                Files.readString(schemaFile()) + "\nCREATE TABLE public.gadget (id bigint PRIMARY KEY);\n");

        Run refused = run("generate", "add_gadget");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out())
                .contains(
                        "make migrate-lint finds errors in them",
                        "model-checklist: table gadget misses the model checklist",
                        "Fix: ");
        assertThat(files()).hasSize(2);
    }

    /** A value added to an enum stays after its undo (-- keel:irreversible): the proof expects it to. */
    @Test
    void anEnumValueIsProvedThoughItsUndoIsIrreversible() throws Exception {
        Files.createDirectories(dir.resolve("migration"));
        Files.createDirectories(dir.resolve("undo"));
        Files.writeString(
                dir.resolve("migration/V" + NEWEST + "__create_widget.sql"),
                "CREATE TYPE widget_status AS ENUM ('draft', 'active');\n"
                        + "CREATE TABLE widget (id bigint PRIMARY KEY, status widget_status NOT NULL);\n");
        Files.writeString(
                dir.resolve("undo/U" + NEWEST + "__create_widget.sql"),
                "DROP TABLE widget;\nDROP TYPE widget_status;\n");
        assertThat(run("schema").exitCode()).isZero();
        String schema = Files.readString(schemaFile());
        assertThat(schema).contains("('draft', 'active')");
        Files.writeString(schemaFile(), schema.replace("('draft', 'active')", "('draft', 'paused', 'active')"));

        Run generate = run("generate", "pause_widgets");

        assertThat(generate.exitCode()).as(generate.out() + generate.err()).isZero();
        assertThat(generate.out()).contains("irreversible", "give it back");
        assertThat(files()).hasSize(4);
        assertThat(run("schema", "--check").exitCode()).isZero();
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    /** A table prototyped in psql on the development database, which holds the migrations and Flyway's history. */
    @Test
    void fromDbReadsTheDeclaredSchemaFromTheDevelopmentDatabase() throws Exception {
        oneTable();
        assertThat(run("schema").exitCode()).isZero();
        String before = Files.readString(schemaFile());
        PostgresEndpoint development = ScratchServers.admin()
                .withDatabase(TestServices.newDatabase("generate_from_db").database());
        Run migrated = runOn(development, "up");
        assertThat(migrated.exitCode()).as(migrated.err()).isZero();
        development.execute("ALTER TABLE widget ADD COLUMN label text");
        development.execute("CREATE INDEX widget_label_idx ON widget (label)");

        Run generate = runOn(development, "generate", "add_label", "--from-db");

        assertThat(generate.exitCode()).as(generate.out() + generate.err()).isZero();
        assertThat(files())
                .contains(
                        "migration/V29990102000001__add_label.sql",
                        "migration/V29990102000002__add_label_create_widget_label_idx.sql");
        assertThat(generate.out()).contains("make migrate-stamp V=29990102000002");
        assertThat(Files.readString(dir.resolve("migration/V29990102000001__add_label.sql")))
                .contains("ALTER TABLE public.widget ADD COLUMN label text;");
        assertThat(Files.readString(schemaFile()))
                .isNotEqualTo(before)
                .contains("    label text")
                .contains("CREATE INDEX widget_label_idx ON public.widget USING btree (label);")
                .doesNotContain("flyway_schema_history");
        assertThat(run("schema", "--check").exitCode()).isZero();

        Run again = runOn(development, "generate", "add_label_again", "--from-db");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains(GenerateCommand.NO_DIFFERENCE_FROM_DB);
        assertThat(files()).hasSize(6);
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

    private void oneTable(String... moreColumns) throws IOException {
        Files.createDirectories(dir.resolve("migration"));
        Files.createDirectories(dir.resolve("undo"));
        Files.writeString(
                dir.resolve("migration/V" + NEWEST + "__create_widget.sql"),
                "CREATE TABLE widget (id bigint PRIMARY KEY, name text NOT NULL"
                        + Stream.of(moreColumns).map(column -> ", " + column).collect(Collectors.joining())
                        + ");\n");
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
        return runOn(ScratchServers.admin(), args);
    }

    /** The command with {@code server} as the configured database: its server holds the scratch databases. */
    private Run runOn(PostgresEndpoint server, String... args) {
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
