package dev.keel.tools.migrate.schema;

import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migrate.trace.ScratchDatabase;
import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** db/schema.sql: where it lives, and what the migrations make of it on a scratch database. */
public final class SchemaFile {

    public static final String NAME = "schema.sql";

    private SchemaFile() {}

    /** The file in the folder holding migration/ and undo/. */
    public static Path in(Path migrationsDirectory) {
        return migrationsDirectory.resolve(NAME);
    }

    /** Applies every migration to {@code scratch}, which must be empty, and returns the schema they produce. */
    public static String generate(ScratchDatabase scratch, MigrationFiles files) {
        new Migrations(scratch.database(), files).upQuietly(null);
        try (Connection connection = scratch.open()) {
            return of(connection);
        } catch (SQLException e) {
            throw new MigrationException(
                    "Cannot read the schema of the " + scratch.description() + ": " + e.getMessage(), e);
        }
    }

    /** The canonical text of the schema of the database {@code connection} is on. */
    public static String of(Connection connection) throws SQLException {
        return SchemaWriter.write(CatalogReader.read(connection));
    }
}
