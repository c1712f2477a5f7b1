package dev.keel.tools.migrate.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The row generator on a real PostgreSQL 17: every generated row must satisfy the schema it is written into. */
class RowGeneratorTest {

    private final PostgresEndpoint database = TestServices.newDatabase("row_generator");

    @Test
    void fillsTheShippedTablesWithRowsThatPassEveryCheck() throws Exception {
        try (Connection connection = database.connect()) {
            try (Stream<Path> files =
                    Files.list(Path.of("../sample/db/migration")).sorted()) {
                for (Path file : files.toList()) {
                    execute(connection, Files.readString(file));
                }
            }

            RowGenerator.FillReport report = new RowGenerator().fillEmptyTables(connection);

            assertThat(report.tables())
                    .extracting(RowGenerator.TableFill::table)
                    .containsExactly("widget");
            assertThat(report.failed()).isZero();
            assertThat(report.inserted()).isEqualTo(RowGenerator.DEFAULT_ROWS);
            assertThat(count(connection, "SELECT count(*) FROM widget")).isEqualTo(200);
            // Every 4th row is live (archived_at NULL): names are distinct among those, as the partial
            // unique index wants, and repeat among the archived ones, as nothing forbids.
            assertThat(count(connection, "SELECT count(*) FROM widget WHERE archived_at IS NULL"))
                    .isEqualTo(50);
            assertThat(count(connection, "SELECT count(DISTINCT name) FROM widget WHERE archived_at IS NULL"))
                    .isEqualTo(50);
            assertThat(count(connection, "SELECT count(DISTINCT name) FROM widget"))
                    .isLessThan(200);
            assertThat(count(connection, "SELECT count(DISTINCT status) FROM widget WHERE archived_at IS NULL"))
                    .isEqualTo(3);
            assertThat(count(connection, "SELECT count(*) FROM widget WHERE status IN ('DRAFT', 'ACTIVE', 'RETIRED')"))
                    .isEqualTo(200);
            assertThat(count(connection, "SELECT count(DISTINCT status) FROM widget"))
                    .isEqualTo(3);
            // The default applies to version; every attachment column is NULL, the one way the checks allow.
            assertThat(count(
                            connection,
                            "SELECT count(*) FROM widget WHERE version = 0 AND attachment_key IS NULL "
                                    + "AND attachment_sha256 IS NULL"))
                    .isEqualTo(200);
            // A second fill tops up empty tables only.
            assertThat(new RowGenerator().fillEmptyTables(connection).tables()).isEmpty();
        }
    }

    @Test
    void followsForeignKeysUniqueKeysEnumsCheckListsAndLengths() throws Exception {
        try (Connection connection = database.connect()) {
            execute(connection, "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
            // By name city comes first, but it references country: the generator must reorder.
            execute(connection, """
                    CREATE TABLE country (code varchar(5) PRIMARY KEY, name text NOT NULL UNIQUE);
                    CREATE TABLE city (
                        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        country_code varchar(5) NOT NULL REFERENCES country,
                        name         text NOT NULL,
                        kind         varchar(10) NOT NULL CHECK (kind IN ('town', 'village')),
                        mood         mood NOT NULL,
                        population   numeric(10, 2) CHECK (population >= 0),
                        tags         text[],
                        founded      date,
                        meta         jsonb,
                        twin_city    bigint REFERENCES city,
                        UNIQUE (country_code, name));
                    CREATE TABLE street (
                        id         uuid PRIMARY KEY,
                        city_id    bigint NOT NULL REFERENCES city,
                        code       varchar(5) NOT NULL UNIQUE,
                        zip        int CHECK (zip > 0),
                        active     boolean NOT NULL DEFAULT true,
                        data       bytea,
                        moods      mood[],
                        created_at timestamptz NOT NULL DEFAULT now());
                    """);

            RowGenerator.FillReport report = new RowGenerator("public", 150, 7).fillEmptyTables(connection);

            assertThat(report.tables())
                    .extracting(RowGenerator.TableFill::table)
                    .containsExactly("country", "city", "street");
            assertThat(report.problems()).isEmpty();
            assertThat(report.inserted()).isEqualTo(450);
            assertThat(count(connection, "SELECT count(DISTINCT code) FROM street WHERE length(code) <= 5"))
                    .isEqualTo(150);
            assertThat(count(connection, "SELECT count(DISTINCT kind) FROM city WHERE kind IN ('town', 'village')"))
                    .isEqualTo(2);
            assertThat(count(connection, "SELECT count(DISTINCT mood) FROM city"))
                    .isEqualTo(3);
            assertThat(count(connection, "SELECT count(*) FROM street s JOIN city c ON c.id = s.city_id"))
                    .isEqualTo(150);
            // A reference to its own table has no row to point at while the table fills: left NULL.
            assertThat(count(connection, "SELECT count(*) FROM city WHERE twin_city IS NULL"))
                    .isEqualTo(150);
        }
    }

    @Test
    void fillsTheTablesOfEveryUserSchemaAcrossSchemaForeignKeys() throws Exception {
        try (Connection connection = database.connect()) {
            execute(connection, """
                    CREATE SCHEMA billing;
                    CREATE SCHEMA audit;
                    CREATE TABLE customer (id bigint PRIMARY KEY, name text NOT NULL);
                    CREATE TABLE billing.invoice (
                        id          bigint PRIMARY KEY,
                        customer_id bigint NOT NULL REFERENCES customer,
                        amount      numeric(10, 2) NOT NULL CHECK (amount >= 0));
                    CREATE TABLE audit.entry (id bigint PRIMARY KEY, invoice_id bigint NOT NULL REFERENCES billing.invoice);
                    CREATE TABLE billing.flyway_schema_history (installed_rank int PRIMARY KEY);
                    CREATE TEMPORARY TABLE scratch (id int);
                    """);

            RowGenerator.FillReport report = new RowGenerator(20, 3).fillEmptyTables(connection);

            assertThat(report.problems()).isEmpty();
            assertThat(report.tables())
                    .extracting(RowGenerator.TableFill::table)
                    .containsExactly("customer", "billing.invoice", "audit.entry");
            assertThat(count(
                            connection,
                            "SELECT count(*) FROM audit.entry e JOIN billing.invoice i ON i.id = e.invoice_id "
                                    + "JOIN customer c ON c.id = i.customer_id"))
                    .isEqualTo(20);
            assertThat(count(connection, "SELECT count(*) FROM billing.flyway_schema_history"))
                    .isZero();
            assertThat(count(connection, "SELECT count(*) FROM scratch")).isZero();
        }
    }

    @Test
    void fillsOneSchemaWhenToldTo() throws Exception {
        try (Connection connection = database.connect()) {
            execute(connection, """
                    CREATE SCHEMA billing;
                    CREATE TABLE customer (id bigint PRIMARY KEY);
                    CREATE TABLE billing.invoice (id bigint PRIMARY KEY);
                    """);

            RowGenerator.FillReport report = new RowGenerator("billing", 5, 3).fillEmptyTables(connection);

            assertThat(report.tables())
                    .extracting(RowGenerator.TableFill::table)
                    .containsExactly("billing.invoice");
            assertThat(count(connection, "SELECT count(*) FROM customer")).isZero();
        }
    }

    @Test
    void sameSeedSameRows() throws Exception {
        String schema = "CREATE TABLE t (id uuid PRIMARY KEY, n numeric(4, 1) NOT NULL, at timestamptz NOT NULL)";
        PostgresEndpoint other = TestServices.newDatabase("row_generator_again");
        try (Connection first = database.connect();
                Connection second = other.connect()) {
            execute(first, schema);
            execute(second, schema);
            new RowGenerator("public", 20, 99).fillEmptyTables(first);
            new RowGenerator("public", 20, 99).fillEmptyTables(second);
            String digest = "SELECT md5(string_agg(id::text || n || at, ',' ORDER BY id)) FROM t";
            assertThat(string(first, digest)).isEqualTo(string(second, digest)).isNotNull();
        }
    }

    @Test
    void leavesNullableColumnsNullOnSomeRowsAndRepeatsValuesOutsideUniqueKeys() throws Exception {
        try (Connection connection = database.connect()) {
            execute(connection, """
                    CREATE TABLE item (
                        id    uuid PRIMARY KEY,
                        code  text NOT NULL UNIQUE,
                        email text NOT NULL,
                        owner uuid NOT NULL,
                        score int,
                        -- A CHECK wanting label set: the filler must not leave it NULL.
                        label text CONSTRAINT item_label_set CHECK (num_nonnulls(label) = 1));
                    CREATE UNIQUE INDEX item_email_key ON item (lower(email));
                    """);

            RowGenerator.FillReport report = new RowGenerator("public", 60, 5).fillEmptyTables(connection);

            assertThat(report.problems()).isEmpty();
            assertThat(report.inserted()).isEqualTo(60);
            assertThat(count(connection, "SELECT count(DISTINCT id) + count(DISTINCT code) FROM item"))
                    .isEqualTo(120);
            // A column an expression key names counts as unique.
            assertThat(count(connection, "SELECT count(DISTINCT email) FROM item"))
                    .isEqualTo(60);
            assertThat(count(connection, "SELECT count(DISTINCT owner) FROM item"))
                    .isEqualTo(20);
            assertThat(count(connection, "SELECT count(*) FROM item WHERE score IS NULL"))
                    .isEqualTo(15);
            assertThat(count(connection, "SELECT count(*) FROM item WHERE label IS NULL"))
                    .isZero();
        }
    }

    @Test
    void rowsThatCannotBeInsertedAreCountedAndExplained() throws Exception {
        try (Connection connection = database.connect()) {
            execute(
                    connection,
                    "CREATE TABLE picky (id bigint PRIMARY KEY, n int NOT NULL "
                            + "CONSTRAINT picky_n_huge CHECK (n > 1000000))");

            RowGenerator.FillReport report = new RowGenerator("public", 10, 1).fillEmptyTables(connection);

            assertThat(report.failed()).isEqualTo(10);
            assertThat(report.inserted()).isZero();
            assertThat(report.problems())
                    .singleElement()
                    .asString()
                    .startsWith("picky: 10 of 10 generated rows could not be inserted")
                    .contains("picky_n_huge");
            assertThat(count(connection, "SELECT count(*) FROM picky")).isZero();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        return Long.parseLong(string(connection, sql));
    }

    private static String string(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
