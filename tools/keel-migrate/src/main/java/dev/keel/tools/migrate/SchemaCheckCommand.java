package dev.keel.tools.migrate;

import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.schemacheck.DetachedMappers;
import dev.keel.tools.schemacheck.MapperSource;
import dev.keel.tools.schemacheck.PreviousRelease;
import dev.keel.tools.schemacheck.SchemaChecks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * keel-migrate schema-check, behind make migrate-check: the mappers of the working tree (this
 * release) and of the previous release (from git) against the migrated database, which it never
 * migrates or changes, plus the model checklist. Exit 1 on any failure.
 */
@Command(
        name = "schema-check",
        description = "This release's and the previous release's MyBatis statements against "
                + "the migrated database, and the model checklist of every domain table.")
public final class SchemaCheckCommand extends KeelMigrate.Subcommand {

    @Option(
            names = "--mappers",
            description = "The working tree whose src/main/resources/**/*Mapper.xml are this "
                    + "release's statements (default: the current directory).")
    Path mappers;

    @Override
    public Integer call() {
        PrintWriter out = out();
        Path root = mappers != null ? mappers : KeelMigrate.workingDirectory.toAbsolutePath();
        List<MapperSource> sources = MapperSource.inWorkingTree(root);
        DetachedMappers.Loaded current = DetachedMappers.load("this release", sources);
        PreviousRelease.Lookup previous = PreviousRelease.fromGit(
                root,
                target.dir.toAbsolutePath(),
                KeelMigrate.environment.getOrDefault("KEEL_RELEASE_TAGS", "v*"),
                KeelMigrate.environment.getOrDefault("KEEL_MAIN_REF", "main"));
        var database = target.database();
        try (Connection connection = database.connect()) {
            SchemaChecks.Report report = SchemaChecks.run(connection, current, previous);
            out.println("this release: " + sources.size() + " mapper file" + (sources.size() == 1 ? "" : "s")
                    + " under " + root);
            report.lines().forEach(out::println);
            out.flush();
            return report.passed() ? 0 : 1;
        } catch (SQLException e) {
            throw new MigrationException("The schema check could not run on " + database.url() + ": " + e.getMessage());
        }
    }
}
