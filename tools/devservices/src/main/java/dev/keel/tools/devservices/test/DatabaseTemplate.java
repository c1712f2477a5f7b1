package dev.keel.tools.devservices.test;

import dev.keel.tools.devservices.DevServiceException;
import dev.keel.tools.devservices.PostgresEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * A database prepared once per test JVM (migrated, seeded) that each test copies with {@code CREATE DATABASE ...
 * TEMPLATE}: the server copies its files, which is faster than preparing again, and every copy is as much a database
 * of its own as {@link TestServices#newDatabase} gives. Once prepared, the template takes no connections, so no test
 * can change what the next one copies.
 */
public final class DatabaseTemplate {

    /** What makes the template: migrations, seed rows. */
    @FunctionalInterface
    public interface Preparation {
        void prepare(PostgresEndpoint database) throws Exception;
    }

    private final String purpose;
    private final Preparation preparation;
    private @Nullable String prepared;

    private DatabaseTemplate(String purpose, Preparation preparation) {
        this.purpose = purpose;
        this.preparation = preparation;
    }

    /** A template prepared on first use by {@code preparation}, on an empty database of the shared server. */
    public static DatabaseTemplate of(String purpose, Preparation preparation) {
        return new DatabaseTemplate(purpose, preparation);
    }

    /** A new database holding what the preparation left, owned by the test user. */
    public PostgresEndpoint newDatabase(String purpose) {
        return TestServices.copyOf(prepared(), purpose);
    }

    private synchronized String prepared() {
        if (prepared == null) {
            PostgresEndpoint database = TestServices.newDatabase(purpose + "_template");
            try {
                preparation.prepare(database);
            } catch (Exception e) {
                throw new DevServiceException(
                        "Could not prepare the template database " + database.database() + ": " + e.getMessage(), e);
            }
            TestServices.freeze(database.database());
            prepared = database.database();
        }
        return prepared;
    }
}
