package dev.keel.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.bootstrap.config.MigrationConfiguration;
import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.KeelMigrate;
import dev.keel.tools.migrate.flyway.Database;
import dev.keel.tools.migrate.flyway.Migrations;
import dev.keel.tools.migration.FlywaySettings;
import dev.keel.tools.migration.MigrationFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * Every route from a migration file to the history row applies db/flyway.properties alike: the
 * application at start (make run's local profile), its migrate mode (the deploy job) and
 * keel-migrate (make migrate-up), each on a database of its own, end with the same history rows,
 * and the application's Flyway and keel-migrate's are configured the same way.
 *
 * <p>In architecture-tests, in the application's package (it runs the package-private migrate mode): the one
 * test that needs both the application and keel-migrate, so bootstrap's tests need not wait for keel-migrate's.
 */
class FlywayRoutesAgreeTest {

    private static final Path SQL = Path.of("../migrations/src/main/resources/db");
    private static final String HISTORY = """
            SELECT string_agg(concat_ws('|', installed_rank, version, description, type, script, checksum, success),
                              E'\\n' ORDER BY installed_rank)
            FROM %s""";

    private static String[] pointingAt(PostgresEndpoint database, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void makeRunTheMigrateModeAndKeelMigrateWriteTheSameHistoryWithTheSameConfiguration() throws SQLException {
        // The application reads the very file keel-migrate reads and validates (a key Flyway does not know, or
        // another location, fails here).
        FlywaySettings definition = FlywaySettings.of(SQL);
        assertThat(MigrationConfiguration.definition()).isEqualTo(definition.properties());
        String table = definition.table();

        PostgresEndpoint atStart = TestServices.newDatabase("route_make_run");
        Configuration application;
        Map<String, String> applicationMigrations;
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(KeelApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("local")
                .run(pointingAt(atStart, "--spring.main.banner-mode=off"))) {
            Flyway flyway = context.getBean(Flyway.class);
            application = flyway.getConfiguration();
            applicationMigrations = migrations(flyway);
        }

        PostgresEndpoint migrateMode = TestServices.newDatabase("route_migrate_mode");
        assertThat(MigrateOnce.run(pointingAt(migrateMode))).isZero();

        PostgresEndpoint keelMigrate = TestServices.newDatabase("route_keel_migrate");
        StringWriter out = new StringWriter();
        CommandLine commandLine = KeelMigrate.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(out));
        assertThat(commandLine.execute(
                        "up",
                        "--dir",
                        SQL.toString(),
                        "--url",
                        keelMigrate.jdbcUrl(),
                        "--user",
                        keelMigrate.username(),
                        "--password",
                        keelMigrate.password()))
                .as(out::toString)
                .isZero();
        Flyway tool = new Migrations(
                        new Database(keelMigrate.jdbcUrl(), keelMigrate.username(), keelMigrate.password()),
                        new MigrationFiles(SQL))
                .flyway(null);

        String history = atStart.queryForString(HISTORY.formatted(PostgresEndpoint.quoted(table)));
        assertThat(history).as("make run applied every migration").isNotBlank();
        assertThat(migrateMode.queryForString(HISTORY.formatted(PostgresEndpoint.quoted(table))))
                .isEqualTo(history);
        assertThat(keelMigrate.queryForString(HISTORY.formatted(PostgresEndpoint.quoted(table))))
                .isEqualTo(history);

        assertThat(settings(tool.getConfiguration())).isEqualTo(settings(application));
        assertThat(migrations(tool)).as("the same files, checksums and scripts").isEqualTo(applicationMigrations);
    }

    /** What decides how a file becomes a history row; not where the files or the database are. */
    private static Map<String, Object> settings(Configuration configuration) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("table", configuration.getTable());
        settings.put("tablespace", String.valueOf(configuration.getTablespace()));
        settings.put("schemas", Arrays.asList(configuration.getSchemas()));
        settings.put("defaultSchema", String.valueOf(configuration.getDefaultSchema()));
        settings.put("createSchemas", configuration.isCreateSchemas());
        settings.put("placeholders", configuration.getPlaceholders());
        settings.put("placeholderReplacement", configuration.isPlaceholderReplacement());
        settings.put("placeholderPrefix", configuration.getPlaceholderPrefix());
        settings.put("placeholderSuffix", configuration.getPlaceholderSuffix());
        settings.put("sqlMigrationPrefix", configuration.getSqlMigrationPrefix());
        settings.put("sqlMigrationSeparator", configuration.getSqlMigrationSeparator());
        settings.put("sqlMigrationSuffixes", Arrays.asList(configuration.getSqlMigrationSuffixes()));
        settings.put("repeatableSqlMigrationPrefix", configuration.getRepeatableSqlMigrationPrefix());
        settings.put("encoding", configuration.getEncoding().name());
        settings.put("validateMigrationNaming", configuration.isValidateMigrationNaming());
        settings.put("validateOnMigrate", configuration.isValidateOnMigrate());
        settings.put("ignoreMigrationPatterns", Arrays.toString(configuration.getIgnoreMigrationPatterns()));
        settings.put("outOfOrder", configuration.isOutOfOrder());
        settings.put("baselineOnMigrate", configuration.isBaselineOnMigrate());
        settings.put("baselineVersion", String.valueOf(configuration.getBaselineVersion()));
        settings.put("cleanDisabled", configuration.isCleanDisabled());
        settings.put("mixed", configuration.isMixed());
        settings.put("group", configuration.isGroup());
        settings.put("executeInTransaction", configuration.isExecuteInTransaction());
        settings.put("skipDefaultCallbacks", configuration.isSkipDefaultCallbacks());
        settings.put("skipDefaultResolvers", configuration.isSkipDefaultResolvers());
        settings.put("target", String.valueOf(configuration.getTarget()));
        settings.put("installedBy", String.valueOf(configuration.getInstalledBy()));
        settings.put(
                "transactionalLock",
                configuration
                        .getPluginRegister()
                        .getExact(PostgreSQLConfigurationExtension.class)
                        .isTransactionalLock());
        return settings;
    }

    private static Map<String, String> migrations(Flyway flyway) {
        Map<String, String> migrations = new LinkedHashMap<>();
        for (MigrationInfo info : flyway.info().all()) {
            migrations.put(
                    String.valueOf(info.getVersion()),
                    info.getDescription() + "|" + info.getScript() + "|" + info.getChecksum() + "|" + info.getType()
                            + "|" + info.getState());
        }
        return migrations;
    }
}
