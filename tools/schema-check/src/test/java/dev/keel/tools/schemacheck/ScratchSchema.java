package dev.keel.tools.schemacheck;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/** A fresh test database migrated with the shipped migrations plus the extra files a test writes. */
final class ScratchSchema {

    static final Path SHIPPED = Path.of("../sample/db/migration");
    static final Path SHIPPED_WIDGET_MAPPER = Path.of("../sample/mappers/WidgetMapper.xml");

    private ScratchSchema() {}

    /** Copies the shipped migrations into {@code root}/migration, where a test then adds its own. */
    static Path shippedMigrationsIn(Path root) throws IOException {
        Path migration = Files.createDirectories(root.resolve("migration"));
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path file : files.toList()) {
                Files.copy(file, migration.resolve(file.getFileName()));
            }
        }
        return migration;
    }

    static PostgresEndpoint migrated(String purpose, Path migrationDirectory) {
        PostgresEndpoint database = TestServices.newDatabase(purpose);
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("filesystem:" + migrationDirectory.toAbsolutePath())
                .load()
                .migrate();
        return database;
    }

    static MapperSource shippedWidgetMapper() throws IOException {
        return new MapperSource(SHIPPED_WIDGET_MAPPER.toString(), Files.readString(SHIPPED_WIDGET_MAPPER));
    }
}
