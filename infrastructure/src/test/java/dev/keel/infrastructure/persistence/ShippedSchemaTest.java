package dev.keel.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.test.TestServicesInitializer;
import dev.keel.tools.schemacheck.PreviousRelease;
import dev.keel.tools.schemacheck.SchemaChecks;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * What make verify and CI run: the application's own MyBatis configuration (every statement it
 * would send) and the previous release's mappers from git, against the shipped migrations, plus
 * the model checklist of every domain table.
 */
@SpringBootTest
@ContextConfiguration(initializers = TestServicesInitializer.class)
class ShippedSchemaTest {

    @Autowired
    SqlSessionFactory sessions;

    @Autowired
    DataSource dataSource;

    @Test
    void theShippedCodeAndThePreviousReleaseWorkOnTheShippedSchema() throws Exception {
        PreviousRelease.Lookup previous =
                PreviousRelease.fromEnvironment(Path.of(".."), Path.of("../migrations/src/main/resources/db"));
        try (Connection connection = dataSource.getConnection()) {
            SchemaChecks.Report report = SchemaChecks.run(connection, sessions.getConfiguration(), previous);

            assertThat(report.failures()).as(report.text()).isEmpty();
            // Every statement this ring declares was checked (none in a fork that has no mapper yet).
            var configuration = sessions.getConfiguration();
            long statements = configuration.getMappedStatementNames().stream()
                    .filter(name -> name.contains("."))
                    .map(name -> configuration.getMappedStatement(name).getId())
                    .distinct()
                    .count();
            assertThat(report.text()).contains("drift: [this release] " + statements + " statement");
        }
    }
}
