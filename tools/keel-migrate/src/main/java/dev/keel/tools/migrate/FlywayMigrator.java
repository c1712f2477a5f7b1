package dev.keel.tools.migrate;

import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migrate.flyway.Undo;
import dev.keel.tools.migrate.proof.Migrator;
import dev.keel.tools.migration.MigrationFiles;
import java.io.PrintWriter;
import java.io.Writer;

/** The proof's {@link Migrator} on Keel's own Flyway set-up and undo runner, which live in this package. */
public final class FlywayMigrator implements Migrator {

    private final Migrations migrations;

    public FlywayMigrator(Database database, MigrationFiles files) {
        this.migrations = new Migrations(database, files);
    }

    @Override
    public void up(String version) {
        migrations.upQuietly(version);
    }

    @Override
    public void undoLast() {
        // The proof prints its own report; the per-migration progress lines would only interleave with it.
        migrations.down(new Undo.Steps(1), new PrintWriter(Writer.nullWriter()));
    }
}
