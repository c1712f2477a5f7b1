package dev.keel.tools.migrate.flyway;

import dev.keel.tools.migration.MigrationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Backups that need no pg_dump: the embedded binaries have none, and Debian's pg_dump 15 refuses
 * a PostgreSQL 17 server. A backup is a zip of the migration history and every table's rows
 * (COPY, binary-safe CSV); a restore migrates an empty database to the same version from the
 * same files, then loads the history and the rows, parents before children, in one transaction.
 * What the migrations build is what comes back; schema changes made by hand are not kept.
 */
public final class Backup {

    private final Database database;
    private final Migrations migrations;
    /** Flyway's history table, as db/flyway.properties names it. */
    private final String history;

    public Backup(Database database, Migrations migrations) {
        this.database = database;
        this.migrations = migrations;
        this.history = migrations.settings().table();
    }

    /** Writes the backup; returns how many tables it holds. */
    public int write(Path file) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            // One snapshot for every table and the history, so the backup is consistent while the application writes.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            String version = currentVersion(connection);
            List<String> tables = tablesParentsFirst(connection);
            Files.createDirectories(file.toAbsolutePath().getParent());
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
                Properties manifest = new Properties();
                manifest.setProperty("format", "keel-backup-1");
                manifest.setProperty("version", version);
                manifest.setProperty("tables", String.join(",", tables));
                for (String table : tables) {
                    manifest.setProperty("columns." + table, String.join(",", columns(connection, table)));
                }
                manifest.setProperty(
                        "sequences",
                        String.join(
                                ",",
                                sequences(connection).entrySet().stream()
                                        .map(entry -> entry.getKey() + "=" + entry.getValue())
                                        .toList()));
                zip.putNextEntry(new ZipEntry("manifest.properties"));
                manifest.store(zip, "Keel backup");
                copyOut(copy, zip, history, columns(connection, history));
                for (String table : tables) {
                    copyOut(copy, zip, table, columns(connection, table));
                }
            }
            connection.commit();
            // Only a complete backup takes the name: a failed one never replaces a good one.
            Files.move(
                    partial,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return tables.size();
        } catch (SQLException | IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the partial file is named as such
            }
            throw new MigrationException("Backup failed: " + e.getMessage(), e);
        }
    }

    private String currentVersion(Connection connection) throws SQLException {
        if (!Migrations.historyTableExists(connection, migrations.settings())) {
            throw new MigrationException("The database has no migrations applied: there is nothing to back up.");
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT version FROM " + quote(history)
                        + " WHERE version IS NOT NULL AND success ORDER BY installed_rank DESC LIMIT 1")) {
            if (!result.next()) {
                throw new MigrationException("The database has no migrations applied: there is nothing to back up.");
            }
            return result.getString(1);
        }
    }

    /** The table's columns in their stored order, named in COPY so a restore does not depend on order. */
    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname FROM pg_attribute a "
                + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = current_schema() AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped "
                + "AND a.attgenerated = '' ORDER BY a.attnum")) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1));
                }
            }
        }
        return columns;
    }

    /** Restores into an empty database; returns how many tables were loaded. */
    public int restore(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Properties manifest = new Properties();
            try (InputStream in = zip.getInputStream(entry(zip, "manifest.properties"))) {
                manifest.load(in);
            }
            if (!"keel-backup-1".equals(manifest.getProperty("format"))) {
                throw new MigrationException(file + " is not a Keel backup.");
            }
            try (Connection connection = database.connect()) {
                if (hasTables(connection)) {
                    throw new MigrationException("Restore needs an empty database, and " + database.url()
                            + " has tables. Restore into a new database (KEEL_DB_URL), or empty this one first.");
                }
            }
            migrations.upQuietly(manifest.getProperty("version"));
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                String[] tables = manifest.getProperty("tables").isEmpty()
                        ? new String[0]
                        : manifest.getProperty("tables").split(",");
                try (Statement statement = connection.createStatement()) {
                    // The history and the rows come from the backup as they were, not as this restore's
                    // migrations wrote them (seed rows, the history of this run).
                    StringBuilder emptied = new StringBuilder(quote(history));
                    for (String table : tables) {
                        emptied.append(", ").append(quote(table));
                    }
                    statement.execute("TRUNCATE " + emptied);
                }
                copyIn(copy, zip, history, columns(connection, history));
                for (String table : tables) {
                    copyIn(
                            copy,
                            zip,
                            table,
                            List.of(manifest.getProperty("columns." + table).split(",")));
                }
                for (String sequence : manifest.getProperty("sequences", "").split(",")) {
                    if (!sequence.isBlank()) {
                        String[] parts = sequence.split("=");
                        try (PreparedStatement setval = connection.prepareStatement("SELECT setval(?, ?)")) {
                            setval.setString(1, quote(parts[0]));
                            setval.setLong(2, Long.parseLong(parts[1]));
                            setval.execute();
                        }
                    }
                }
                connection.commit();
                return tables.length;
            }
        } catch (SQLException | IOException e) {
            throw new MigrationException(
                    "Restore failed: " + e.getMessage()
                            + "\n  No row was loaded (the load is one transaction); the database may hold the migrated, empty schema.",
                    e);
        }
    }

    private static ZipEntry entry(ZipFile zip, String name) {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new MigrationException(zip.getName() + " has no " + name + ": not a complete Keel backup.");
        }
        return entry;
    }

    private static void copyOut(CopyManager copy, ZipOutputStream zip, String table, List<String> columns)
            throws SQLException, IOException {
        zip.putNextEntry(new ZipEntry("tables/" + table + ".csv"));
        copy.copyOut(
                "COPY " + quote(table) + columnList(columns) + " TO STDOUT WITH (FORMAT csv)", new NonClosing(zip));
        zip.closeEntry();
    }

    private static void copyIn(CopyManager copy, ZipFile zip, String table, List<String> columns)
            throws SQLException, IOException {
        try (InputStream in = zip.getInputStream(entry(zip, "tables/" + table + ".csv"))) {
            copy.copyIn("COPY " + quote(table) + columnList(columns) + " FROM STDIN WITH (FORMAT csv)", in);
        }
    }

    private static String columnList(List<String> columns) {
        return " (" + String.join(", ", columns.stream().map(Backup::quote).toList()) + ")";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static boolean hasTables(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result =
                        statement.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")) {
            result.next();
            return result.getLong(1) > 0;
        }
    }

    /** The schema's tables, every table after the tables its foreign keys point to. */
    private List<String> tablesParentsFirst(Connection connection) throws SQLException {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        // Plain tables and partitions (relkind r); a partitioned parent holds no rows of its own.
        try (var statement = connection.prepareStatement("SELECT c.relname FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                + "AND c.relkind = 'r' AND c.relname <> ? ORDER BY c.relname")) {
            statement.setString(1, history);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    parents.put(result.getString(1), new ArrayList<>());
                }
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT c.relname, p.relname FROM pg_constraint k "
                        + "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname <> p.relname")) {
            while (result.next()) {
                parents.computeIfAbsent(result.getString(1), table -> new ArrayList<>())
                        .add(result.getString(2));
            }
        }
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < parents.size()) {
            boolean progressed = false;
            for (var table : parents.entrySet()) {
                if (!ordered.contains(table.getKey())
                        && ordered.containsAll(table.getValue().stream()
                                .filter(parents::containsKey)
                                .toList())) {
                    ordered.add(table.getKey());
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new MigrationException("Foreign keys form a cycle between "
                        + parents.keySet().stream()
                                .filter(table -> !ordered.contains(table))
                                .toList() + "; Keel's backup cannot order them.");
            }
        }
        return ordered;
    }

    private static Map<String, Long> sequences(Connection connection) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT sequencename, last_value FROM pg_sequences "
                        + "WHERE schemaname = current_schema() AND last_value IS NOT NULL")) {
            while (result.next()) {
                values.put(result.getString(1), result.getLong(2));
            }
        }
        return values;
    }

    /** Lets COPY write into a zip entry without closing the zip. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
