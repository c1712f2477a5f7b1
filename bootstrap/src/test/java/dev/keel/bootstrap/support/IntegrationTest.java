package dev.keel.bootstrap.support;

import dev.keel.tools.devservices.test.TestServicesInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, against a real PostgreSQL 17 and S3 server, with
 * migrations applied as in local development. One context is shared by every such test class,
 * and one such class runs at a time: they check what the shared database holds.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@ContextConfiguration(initializers = TestServicesInitializer.class)
@ResourceLock(IntegrationTest.SHARED_DATABASE)
public @interface IntegrationTest {

    /** The lock of the database these tests share, for other tests that use it too. */
    String SHARED_DATABASE = "the integration tests' shared database";
}
