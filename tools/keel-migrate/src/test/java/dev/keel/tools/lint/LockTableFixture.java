package dev.keel.tools.lint;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.migrate.ScratchServers;
import dev.keel.tools.sql.OperationParser;
import dev.keel.tools.sql.SqlSplitter;
import dev.keel.tools.sql.SqlStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The live schema the lock table's samples run against: populated tables with plain, unique,
 * partial and expression indexes, a trigger, a policy, a partitioned table, an unlogged table, a
 * materialized view; created on a real PostgreSQL 17 by its superuser (CREATE ACCESS METHOD and
 * an in-place tablespace need one), and as the checker's schema model sees it.
 */
final class LockTableFixture {

    static final String TABLESPACE = "keel_lock_table_space";

    /** Tables the samples lock, rewrite or scan; every other relation the fixture makes is an index. */
    static final String SQL = """
            CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler;
            CREATE TABLE p (id bigint PRIMARY KEY, name text NOT NULL);
            INSERT INTO p SELECT g, 'p' || g FROM generate_series(1, 100) g;
            CREATE TABLE t (
                id bigint PRIMARY KEY, p_id bigint, n integer, name text, code varchar(50), note text,
                price numeric(10, 2), archived_at timestamptz, created_at timestamptz NOT NULL DEFAULT now(),
                twice integer GENERATED ALWAYS AS (n * 2) STORED);
            INSERT INTO t (id, p_id, n, name, code, note, price)
                SELECT g, 1 + g % 100, g, 'name' || g, 'code' || g, 'note', g FROM generate_series(1, 2000) g;
            CREATE INDEX t_n_idx ON t (n);
            CREATE INDEX t_name_idx ON t (name);
            CREATE INDEX t_name_live_idx ON t (name) WHERE archived_at IS NULL;
            CREATE INDEX t_name_lower_idx ON t (lower(name));
            CREATE UNIQUE INDEX t_name_key ON t (name);
            CREATE INDEX t_code_idx ON t (code);
            CREATE INDEX t_code_live_idx ON t (code) WHERE archived_at IS NULL;
            CREATE INDEX t_code_lower_idx ON t (lower(code));
            CREATE UNIQUE INDEX t_code_key ON t (code);
            ALTER TABLE t ADD CONSTRAINT t_n_positive CHECK (n > 0) NOT VALID;
            ALTER TABLE t ADD CONSTRAINT t_note_present CHECK (note IS NOT NULL);
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
            CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE POLICY t_all ON t USING (true);
            CREATE TYPE mood AS ENUM ('sad', 'happy');
            CREATE UNLOGGED TABLE u (id bigint NOT NULL, n integer);
            INSERT INTO u SELECT g, g FROM generate_series(1, 500) g;
            CREATE INDEX u_n_idx ON u (n);
            CREATE TABLE ev (id bigint, at timestamptz NOT NULL) PARTITION BY RANGE (at);
            CREATE TABLE ev_2026 PARTITION OF ev FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
            INSERT INTO ev SELECT g, '2026-03-01' FROM generate_series(1, 500) g;
            CREATE TABLE ev_2025 (id bigint, at timestamptz NOT NULL);
            INSERT INTO ev_2025 SELECT g, '2025-03-01' FROM generate_series(1, 500) g;
            CREATE MATERIALIZED VIEW mv AS SELECT id, p_id FROM t;
            CREATE UNIQUE INDEX mv_id ON mv (id);
            ANALYZE;
            """;

    private LockTableFixture() {}

    /** A new database holding the fixture, on the test server, as its superuser. */
    static PostgresEndpoint create(String name) throws SQLException {
        PostgresEndpoint admin = ScratchServers.admin();
        try (Connection server = connect(admin);
                Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
            if (!statement
                    .executeQuery("SELECT 1 FROM pg_tablespace WHERE spcname = '" + TABLESPACE + "'")
                    .next()) {
                statement.execute("SET allow_in_place_tablespaces = true");
                statement.execute("CREATE TABLESPACE " + TABLESPACE + " LOCATION ''");
            }
        }
        PostgresEndpoint database = admin.withDatabase(name);
        try (Connection connection = connect(database);
                Statement statement = connection.createStatement()) {
            statement.execute(SQL);
        }
        return database;
    }

    /** A copy of a fixture database, for a sample that commits (it cannot run in a transaction). */
    static PostgresEndpoint copy(PostgresEndpoint fixture, String name) throws SQLException {
        try (Connection server = connect(ScratchServers.admin());
                Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name + " TEMPLATE " + fixture.database());
        }
        return fixture.withDatabase(name);
    }

    static void drop(PostgresEndpoint database) throws SQLException {
        try (Connection server = connect(ScratchServers.admin());
                Statement statement = server.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database.database() + " WITH (FORCE)");
        }
    }

    static Connection connect(PostgresEndpoint endpoint) throws SQLException {
        return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(), endpoint.password());
    }

    /** The fixture as the checker's schema model has it after reading the same SQL as a migration. */
    static SchemaModel schema() {
        SchemaModel schema = new SchemaModel();
        SchemaModel.Origin origin = new SchemaModel.Origin("V1__fixture.sql", "released");
        for (SqlStatement statement : SqlSplitter.split(SQL).statements()) {
            schema.apply(OperationParser.parse(statement), origin);
        }
        return schema;
    }

    /** The one parsed statement of a sample. */
    static SqlStatement statement(String sample) {
        return SqlSplitter.split(sample + ";").statements().getFirst();
    }
}
