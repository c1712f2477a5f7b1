package dev.keel.tools.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import picocli.CommandLine;

/**
 * make migrate-check's command on the sample's migrations and mapper, laid out in a tree of its
 * own as a team's repository would hold them: passes on the schema the migrations built, fails
 * where the statements do not fit, and never migrates or changes the database.
 */
@ResourceLock(value = ProcessEnvironment.LOCK, mode = ResourceAccessMode.READ)
class SchemaCheckCommandTest {

    private static final Path SAMPLE_MAPPER = Path.of("../sample/mappers/WidgetMapper.xml");

    @TempDir
    Path tree;

    record Run(int exitCode, String out, String err) {}

    private Run run(PostgresEndpoint database, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = KeelMigrate.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(
                "--dir",
                Path.of("../sample/db").toAbsolutePath().toString(),
                "--url",
                database.jdbcUrl(),
                "--user",
                database.username(),
                "--password",
                database.password()));
        return new Run(commandLine.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    private Path mapper(String module, String xml) throws IOException {
        Path file = tree.resolve(module + "/src/main/resources/com/example/orders/persistence/WidgetMapper.xml");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, xml);
    }

    @Test
    void passesOnTheSchemaTheMigrationsBuiltAndChangesNothing() throws IOException, SQLException {
        PostgresEndpoint database = TestServices.newDatabase("schema_check");
        assertThat(run(database, "up").exitCode()).isZero();
        mapper("infrastructure", Files.readString(SAMPLE_MAPPER));
        // Not mappers: build output and a file that is not under src/main/resources.
        Files.createDirectories(tree.resolve("infrastructure/target/classes"));
        Files.writeString(tree.resolve("infrastructure/target/classes/BrokenMapper.xml"), "<mapper");
        Files.writeString(tree.resolve("NotAMapper.xml"), "<mapper");

        Run check = run(database, "schema-check", "--mappers", tree.toString());

        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out())
                .contains("this release: 1 mapper file", "model checklist: 0 problems", "schema checks passed")
                .containsPattern("drift: \\[this release\\] [1-9][0-9]* statements");
        assertThat(database.queryForString("SELECT count(*) FROM widget")).isEqualTo("0");
    }

    @Test
    void failsOnASchemaTheStatementsDoNotFitAndNeverMigrates() throws IOException, SQLException {
        PostgresEndpoint database = TestServices.newDatabase("schema_check_empty");
        mapper("infrastructure", Files.readString(SAMPLE_MAPPER));

        Run check = run(database, "schema-check", "--mappers", tree.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("relation \"widget\" does not exist", "schema checks failed");
        assertThat(database.queryForString("SELECT to_regclass('flyway_schema_history') IS NULL"))
                .as("never migrates")
                .isEqualTo("t");
    }

    @Test
    void namesTheStatementThatReadsAMissingColumnAndAMapperThatDoesNotLoad() throws IOException {
        PostgresEndpoint database = TestServices.newDatabase("schema_check_drift");
        assertThat(run(database, "up").exitCode()).isZero();
        mapper("infrastructure", Files.readString(SAMPLE_MAPPER).replaceFirst("attachment_sha256", "attachment_md5"));
        mapper("reporting", "<?xml version=\"1.0\"?>\n<mapper namespace=\"broken\"><select id=\"x\">");

        Run check = run(database, "schema-check", "--mappers", tree.toString());

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out())
                .contains(
                        "this release: 2 mapper files",
                        "attachment_md5",
                        "reporting/src/main/resources/com/example/orders/persistence/WidgetMapper.xml",
                        "the mapper does not load");
    }
}
