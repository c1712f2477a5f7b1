package dev.keel.tools.migrate.flyway;

import dev.keel.tools.migration.MigrationException;
import dev.keel.tools.migration.MigrationFiles;
import dev.keel.tools.migration.UndoScript;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs undo scripts, newest migration first. Each undo runs in one transaction together with
 * the removal of its history row: a failing undo leaves schema and history as they were and
 * names the file, the line and the statement. An empty undo, or one marked {@code -- keel:irreversible},
 * is refused before anything runs: running it would report the migration undone while its schema stays.
 */
public final class Undo {

    /** An applied migration as Flyway's history table records it. */
    public record AppliedMigration(int rank, String version, String description) {}

    /** How far to go back. */
    public sealed interface Plan permits Steps, DownTo, All {}

    public record Steps(int count) implements Plan {}

    public record DownTo(String version) implements Plan {}

    public record All() implements Plan {}

    // One key for every keel-migrate undo, so two of them never undo the same migration twice.
    private static final long LOCK_KEY = 0x6b65656c756e646fL; // "keelundo"

    private final Database database;
    private final MigrationFiles files;

    public Undo(Database database, MigrationFiles files) {
        this.database = database;
        this.files = files;
    }

    /** The undo scripts {@code plan} would run, newest first; every one must exist before any runs. */
    public List<Path> scripts(Plan plan) {
        try (Connection connection = database.connect()) {
            return scripts(choose(applied(connection), plan));
        } catch (SQLException e) {
            throw new MigrationException("Cannot read the migration history: " + e.getMessage(), e);
        }
    }

    /** Refuses the whole plan, before any undo runs, when one of them is missing, empty or irreversible. */
    private List<Path> scripts(List<AppliedMigration> chosen) {
        List<Path> scripts = new ArrayList<>();
        for (AppliedMigration applied : chosen) {
            MigrationFiles.Migration migration = files.find(applied.version())
                    .filter(found -> found.undo().isPresent())
                    .orElseThrow(() -> new MigrationException("Migration " + applied.version() + " ("
                            + applied.description() + ") has no undo script in " + files.undoDirectory()
                            + "; nothing was undone."));
            Path undo = migration.undo().orElseThrow();
            UndoScript.read(undo).refusal(migration).ifPresent(refusal -> {
                throw new MigrationException(refusal);
            });
            scripts.add(undo);
        }
        return scripts;
    }

    /** Undoes what {@code plan} names; returns how many migrations were undone. */
    public int run(Plan plan, Placeholders placeholders, PrintWriter out) {
        try (Connection connection = database.connect()) {
            DisconnectCheck.apply(connection);
            List<AppliedMigration> chosen = choose(applied(connection), plan);
            List<Path> scripts = scripts(chosen);
            for (int i = 0; i < chosen.size(); i++) {
                undo(connection, chosen.get(i), scripts.get(i), placeholders, i, out);
            }
            if (plan instanceof All && applied(connection).isEmpty()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE IF EXISTS " + files.settings().quotedTable());
                }
            }
            return chosen.size();
        } catch (SQLException e) {
            throw new MigrationException("Undo failed: " + e.getMessage(), e);
        }
    }

    private static List<AppliedMigration> choose(List<AppliedMigration> newestFirst, Plan plan) {
        return switch (plan) {
            case Steps steps -> newestFirst.subList(0, Math.min(steps.count(), newestFirst.size()));
            case DownTo downTo ->
                newestFirst.stream()
                        .filter(migration -> migration.version().compareTo(downTo.version()) > 0)
                        .toList();
            case All all -> newestFirst;
        };
    }

    private List<AppliedMigration> applied(Connection connection) throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        if (!Migrations.historyTableExists(connection, files.settings())) {
            return rows;
        }
        try (Statement statement = connection.createStatement();
                // Only migrations that ran SQL: repair's DELETE rows and baselines have nothing to undo.
                ResultSet result = statement.executeQuery("SELECT installed_rank, version, description "
                        + "FROM " + files.settings().quotedTable()
                        + " WHERE version IS NOT NULL AND success AND type IN ('SQL', 'JDBC') "
                        + "ORDER BY installed_rank DESC")) {
            while (result.next()) {
                rows.add(new AppliedMigration(result.getInt(1), result.getString(2), result.getString(3)));
            }
        }
        return rows;
    }

    private void undo(
            Connection connection,
            AppliedMigration migration,
            Path script,
            Placeholders placeholders,
            int alreadyUndone,
            PrintWriter out)
            throws SQLException {
        String sql;
        try {
            sql = placeholders.resolve(
                    Files.readString(script), script.getFileName().toString());
        } catch (IOException e) {
            throw new MigrationException("Cannot read " + script + ": " + e.getMessage(), e);
        }
        long started = System.nanoTime();
        out.printf("  undoing  %s  %s ...", migration.version(), migration.description());
        out.flush();
        connection.setAutoCommit(false);
        SqlScript.Statement current = null;
        try {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                lock.execute();
            }
            try (Statement statement = connection.createStatement()) {
                for (SqlScript.Statement each : SqlScript.split(sql)) {
                    current = each;
                    statement.execute(each.sql());
                }
            }
            current = null;
            try (PreparedStatement forget = connection.prepareStatement(
                    "DELETE FROM " + files.settings().quotedTable() + " WHERE installed_rank = ? AND version = ?")) {
                forget.setInt(1, migration.rank());
                forget.setString(2, migration.version());
                if (forget.executeUpdate() != 1) {
                    throw new SQLException("its history row changed meanwhile (another migrator?)");
                }
            }
            connection.commit();
            out.printf(" done in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            out.flush();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            out.println(" failed");
            out.flush();
            String where = current == null ? "" : " line " + current.line() + " (" + current.firstLine() + ")";
            throw new MigrationException(
                    script + where + ": " + e.getMessage()
                            + "\n  Nothing was undone for " + migration.version()
                            + ": its schema and history row are as they were"
                            + (alreadyUndone > 0
                                    ? "; the " + alreadyUndone + " newer undo(s) before it were committed."
                                    : "."),
                    e);
        } finally {
            // Only after commit or rollback: turning autocommit on mid-transaction would commit it.
            connection.setAutoCommit(true);
        }
    }
}
