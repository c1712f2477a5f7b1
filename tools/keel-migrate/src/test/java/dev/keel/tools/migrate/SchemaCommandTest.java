package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/** keel-migrate schema and up --write-schema end to end: schema.sql written, checked, rewritten after up. */
@ResourceLock(value = ProcessEnvironment.LOCK, mode = ResourceAccessMode.READ)
class SchemaCommandTest {

    @TempDir
    Path dir;

    /** What one command printed and how it exited. */
    record Run(int exitCode, String out, String err) {}

    @Test
    void writesTheSchemaTheMigrationsProduceThenFindsNoDrift() throws Exception {
        migration("V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY, name text NOT NULL);\n");

        Run write = run(ScratchServers.admin(), "schema");
        Run check = run(ScratchServers.admin(), "schema", "--check");

        assertThat(write.exitCode()).as(write.err()).isZero();
        assertThat(write.out()).contains("wrote " + schemaFile());
        assertThat(Files.readString(schemaFile()))
                .contains(
                        "CREATE TABLE public.t (\n    id bigint NOT NULL,\n    name text NOT NULL\n);",
                        "ALTER TABLE public.t ADD CONSTRAINT t_pkey PRIMARY KEY (id);")
                .doesNotContain("flyway_schema_history");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains(schemaFile() + " matches the migrations");
        assertThat(run(ScratchServers.admin(), "schema").out()).contains(schemaFile() + " is up to date");
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void driftPrintsTheDifferenceAndTheFix() throws Exception {
        migration("V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        run(ScratchServers.admin(), "schema");
        migration("V20260101000100__add_c.sql", "ALTER TABLE t ADD COLUMN c text;\n");

        Run check = run(ScratchServers.admin(), "schema", "--check");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out())
                .contains(
                        schemaFile() + " differs from the schema the migrations produce:",
                        "--- " + schemaFile() + " (committed)",
                        "+++ " + schemaFile() + " (from the migrations)",
                        "@@ ",
                        "-    id bigint NOT NULL\n+    id bigint NOT NULL,\n+    c text\n",
                        "Fix: run make migrate-schema");
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void aMissingFileIsDrift() throws Exception {
        migration("V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");

        Run check = run(ScratchServers.admin(), "schema", "--check");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains(schemaFile() + " is missing", "Fix: run make migrate-schema");
        assertThat(schemaFile()).doesNotExist();
    }

    @Test
    void aKindTheFileCannotHoldFailsByName() throws Exception {
        migration(
                "V20260101000000__create_t.sql",
                "CREATE TABLE t (id bigint);\nCREATE POLICY mine ON t USING (true);\n");

        Run write = run(ScratchServers.admin(), "schema");

        assertThat(write.exitCode()).isEqualTo(1);
        assertThat(write.err()).contains("policy mine on public.t");
        assertThat(schemaFile()).doesNotExist();
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    @Test
    void upRewritesTheFileWhenItAppliedMigrationsAndOnlyThen() throws Exception {
        migration("V20260101000000__create_t.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        PostgresEndpoint development = ScratchServers.admin()
                .withDatabase(TestServices.newDatabase("schema_up").database());

        Run first = run(development, "up", "--write-schema");
        // A prototype in the development database stays out of the file: it is built from the migrations.
        development.execute("CREATE TABLE prototype (id int)");
        migration("V20260101000100__add_c.sql", "ALTER TABLE t ADD COLUMN c text;\n");
        Run second = run(development, "up", "--write-schema");
        String written = Files.readString(schemaFile());
        Files.writeString(schemaFile(), "-- edited by hand\n");
        Run nothing = run(development, "up", "--write-schema");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("Applied 1 migration", "wrote " + schemaFile());
        assertThat(second.out()).contains("Applied 1 migration", "wrote " + schemaFile());
        assertThat(written)
                .contains("CREATE TABLE public.t (\n    id bigint NOT NULL,\n    c text\n);")
                .doesNotContain("prototype");
        assertThat(nothing.out()).contains("Nothing to apply").doesNotContain("wrote");
        assertThat(Files.readString(schemaFile())).isEqualTo("-- edited by hand\n");
        assertThat(ScratchServers.scratchDatabasesLeft()).isZero();
    }

    private Path schemaFile() {
        return dir.resolve("schema.sql");
    }

    private void migration(String name, String sql) throws IOException {
        Files.createDirectories(dir.resolve("migration"));
        Files.writeString(dir.resolve("migration").resolve(name), sql);
    }

    private Run run(PostgresEndpoint target, String... args) {
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
                target.jdbcUrl(),
                "--user",
                target.username(),
                "--password",
                target.password()));
        int code = commandLine.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
