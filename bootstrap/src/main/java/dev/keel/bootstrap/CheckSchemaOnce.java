package dev.keel.bootstrap;

import dev.keel.infrastructure.persistence.schema.PreviousRelease;
import dev.keel.infrastructure.persistence.schema.SchemaChecks;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar keel-app.jar check-schema}, run from the repository: the schema checks of
 * make migrate-check against the configured database, which it never migrates or changes. The
 * application's own MyBatis configuration is what it checks, so every statement it would send is
 * covered; the previous release comes from git, its new migrations from
 * {@code keel.schema-check.migrations} (default {@code migrations/src/main/resources/db}). Exit 0 or 1.
 */
final class CheckSchemaOnce {

    private static final Logger LOG = LoggerFactory.getLogger(CheckSchemaOnce.class);

    private CheckSchemaOnce() {
    }

    static int run(String... args) {
        // As arguments so they win over every profile: this mode looks at the schema, it never migrates it.
        String[] settings = Stream.concat(Stream.of("--spring.flyway.enabled=false", "--spring.main.banner-mode=off"),
                Arrays.stream(args)).toArray(String[]::new);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(KeelApplication.class)
                .web(WebApplicationType.NONE).run(settings);
             Connection connection = context.getBean(DataSource.class).getConnection()) {
            Path migrations = Path.of(context.getEnvironment().getProperty("keel.schema-check.migrations",
                    "migrations/src/main/resources/db"));
            SchemaChecks.Report report = SchemaChecks.run(connection,
                    context.getBean(SqlSessionFactory.class).getConfiguration(),
                    PreviousRelease.fromEnvironment(Path.of("."), migrations));
            report.lines().forEach(line -> {
                if (report.passed()) {
                    LOG.info(line);
                } else {
                    LOG.error(line);
                }
            });
            return report.passed() ? 0 : 1;
        } catch (Exception e) {
            LOG.error("Schema check failed to run: {}", e.getMessage());
            return 1;
        }
    }
}
