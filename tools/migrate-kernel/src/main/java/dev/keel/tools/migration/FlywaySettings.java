package dev.keel.tools.migration;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How Flyway runs the team's migrations, read from {@code db/flyway.properties} in Flyway's own
 * keys: the one definition that the application (at start, and in its migrate mode) and
 * keel-migrate both apply, so a file reaches the history table the same way by every route. The
 * application reads it from its classpath; keel-migrate from the source tree, where the location
 * {@code classpath:db/migration} is the folder beside this file.
 */
public record FlywaySettings(Map<String, String> properties) {

    /** The file's name, in the folder holding {@code migration/} and {@code undo/}. */
    public static final String FILE = "flyway.properties";

    /** Flyway's default history table, when the file names none. */
    public static final String DEFAULT_TABLE = "flyway_schema_history";

    /**
     * SQL, true for the {@code pg_class} row {@code c} of a Flyway history table, whatever the file
     * names it: Flyway's default name, or Flyway's columns. Tools that look at the team's tables leave it alone.
     */
    public static final String IS_HISTORY_TABLE = "(c.relname = '" + DEFAULT_TABLE + "' OR (SELECT count(*) "
            + "FROM pg_attribute h WHERE h.attrelid = c.oid AND NOT h.attisdropped AND h.attname IN ('installed_rank', "
            + "'checksum', 'installed_by', 'installed_on', 'execution_time', 'success')) = 6)";

    /** The one location: db/migration, on the application's classpath. */
    public static final String LOCATION = "classpath:db/migration";

    /**
     * Keel's settings when a folder has no file (a test's scratch folder, an older fork): what the
     * template's file says, so the behaviour is the same.
     */
    private static final Map<String, String> DEFAULTS = Map.of(
            "flyway.locations", LOCATION,
            "flyway.table", DEFAULT_TABLE,
            "flyway.validateMigrationNaming", "true",
            "flyway.postgresql.transactional.lock", "false",
            "flyway.cleanDisabled", "true");

    public FlywaySettings {
        properties = Map.copyOf(properties);
    }

    /** The settings of the migrations folder {@code root} (its flyway.properties, else Keel's defaults). */
    public static FlywaySettings of(Path root) {
        Path file = root.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new FlywaySettings(DEFAULTS);
        }
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new MigrationException(file + ": cannot be read as a properties file: " + e.getMessage());
        }
        Map<String, String> properties = new TreeMap<>();
        for (String key : loaded.stringPropertyNames()) {
            if (!key.startsWith("flyway.")) {
                throw new MigrationException(file + ": '" + key + "' is not a Flyway setting; every key starts with "
                        + "flyway. (flyway.table, flyway.placeholders.<name>, ...)");
            }
            properties.put(key, loaded.getProperty(key).strip());
        }
        requireTheMigrationFolder(properties, file);
        for (String schemaKey : new String[] {"flyway.schemas", "flyway.defaultSchema"}) {
            if (properties.containsKey(schemaKey)) {
                throw new MigrationException(file + ": " + schemaKey + " is set, but Keel's tools keep the history and "
                        + "look for the team's tables in the connection's current schema; set the schema on the "
                        + "database user instead (ALTER ROLE ... SET search_path) and remove the setting");
            }
        }
        return new FlywaySettings(properties);
    }

    /** The history table. */
    public String table() {
        return properties.getOrDefault("flyway.table", DEFAULT_TABLE);
    }

    /** The history table as an SQL identifier, quoted so any name Flyway accepts is safe to splice. */
    public String quotedTable() {
        return "\"" + table().replace("\"", "\"\"") + "\"";
    }

    /** The placeholders of the team's own ({@code flyway.placeholders.<name>}), sorted by name. */
    public Map<String, String> placeholders() {
        Map<String, String> placeholders = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (key.startsWith("flyway.placeholders.")) {
                placeholders.put(key.substring("flyway.placeholders.".length()), value);
            }
        });
        return placeholders;
    }

    /**
     * The settings for a Flyway that reads the source tree: every key as written, but the location
     * as the folder under {@code root} it names on the application's classpath.
     */
    public Map<String, String> forSourceTree(Path root) {
        Map<String, String> flyway = new TreeMap<>(properties);
        flyway.put("flyway.locations", "filesystem:" + root.resolve("migration").toAbsolutePath());
        return flyway;
    }

    /**
     * Keel's tools read versioned migrations from db/migration beside their undo scripts, so that is
     * the one location: another would be applied by the application and missed by the checks.
     */
    private static void requireTheMigrationFolder(Map<String, String> properties, Path file) {
        String locations = properties.getOrDefault("flyway.locations", LOCATION).strip();
        if (!locations.equals(LOCATION)) {
            throw new MigrationException(file + ": flyway.locations is '" + locations + "', but Keel's migrations live "
                    + "in one location, " + LOCATION + " (db/migration, beside db/undo), which the application and "
                    + "keel-migrate both read; move the files there and remove the setting or set it to " + LOCATION);
        }
    }
}
