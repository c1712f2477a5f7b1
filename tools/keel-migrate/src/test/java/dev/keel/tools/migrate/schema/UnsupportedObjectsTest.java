package dev.keel.tools.migrate.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.keel.tools.devservices.PostgresEndpoint;
import dev.keel.tools.devservices.test.TestServices;
import dev.keel.tools.migrate.ScratchServers;
import dev.keel.tools.migrate.schema.UnsupportedObjects.Refused;
import java.sql.Connection;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each object kind db/schema.sql cannot hold yet fails the read, naming the kind and the object. */
class UnsupportedObjectsTest {

    /** The kind, the object as the failure names it, whether making it takes a superuser, and the SQL. */
    static Stream<Arguments> kinds() {
        return Stream.of(
                kind("partitioned table", "public.m", false, "CREATE TABLE m (id int) PARTITION BY RANGE (id)"),
                kind(
                        "partition",
                        "public.m1",
                        false,
                        "CREATE TABLE m (id int) PARTITION BY RANGE (id)",
                        "CREATE TABLE m1 PARTITION OF m FOR VALUES FROM (0) TO (10)"),
                kind(
                        "table inheritance",
                        "public.c inherits public.p",
                        false,
                        "CREATE TABLE p (id int)",
                        "CREATE TABLE c () INHERITS (p)"),
                kind(
                        "foreign table",
                        "public.f",
                        true,
                        "CREATE FOREIGN DATA WRAPPER w",
                        "CREATE SERVER s FOREIGN DATA WRAPPER w",
                        "CREATE FOREIGN TABLE f (id int) SERVER s"),
                kind(
                        "typed table (OF type)",
                        "public.t",
                        false,
                        "CREATE TYPE pair AS (a int)",
                        "CREATE TABLE t OF pair"),
                kind(
                        "row-level security",
                        "public.t",
                        false,
                        "CREATE TABLE t (id int)",
                        "ALTER TABLE t ENABLE ROW LEVEL SECURITY"),
                kind("policy", "p on public.t", false, "CREATE TABLE t (id int)", "CREATE POLICY p ON t USING (true)"),
                kind(
                        "rule",
                        "r on public.t",
                        false,
                        "CREATE TABLE t (id int)",
                        "CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING"),
                kind(
                        "table access method other than heap",
                        "public.t using heap2",
                        true,
                        "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler",
                        "CREATE TABLE t (id int) USING heap2"),
                kind(
                        "replica identity",
                        "public.t",
                        false,
                        "CREATE TABLE t (id int)",
                        "ALTER TABLE t REPLICA IDENTITY FULL"),
                kind(
                        "clustered index (CLUSTER ON)",
                        "public.t_id_idx",
                        false,
                        "CREATE TABLE t (id int)",
                        "CREATE INDEX t_id_idx ON t (id)",
                        "ALTER TABLE t CLUSTER ON t_id_idx"),
                kind(
                        "column storage, compression or statistics setting",
                        "public.t.s",
                        false,
                        "CREATE TABLE t (s text)",
                        "ALTER TABLE t ALTER COLUMN s SET STATISTICS 500"),
                kind(
                        "view column default",
                        "public.v.id",
                        false,
                        "CREATE TABLE t (id int)",
                        "CREATE VIEW v AS SELECT id FROM t",
                        "ALTER VIEW v ALTER COLUMN id SET DEFAULT 1"),
                kind(
                        "privileges (GRANT or REVOKE)",
                        "public.t",
                        false,
                        "CREATE TABLE t (id int)",
                        "GRANT SELECT ON t TO PUBLIC"),
                kind(
                        "default privileges",
                        "every schema for ",
                        false,
                        "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC"),
                kind("publication", "pub", false, "CREATE PUBLICATION pub"),
                kind(
                        "subscription",
                        "sub",
                        true,
                        "CREATE SUBSCRIPTION sub CONNECTION 'dbname=nowhere' PUBLICATION pub WITH (connect = false)"),
                kind(
                        "event trigger",
                        "e",
                        true,
                        "CREATE FUNCTION et() RETURNS event_trigger LANGUAGE plpgsql AS $$BEGIN END$$",
                        "CREATE EVENT TRIGGER e ON ddl_command_start EXECUTE FUNCTION et()"),
                kind(
                        "cast",
                        "(public.pair AS text)",
                        false,
                        "CREATE TYPE pair AS (a int)",
                        "CREATE FUNCTION pair_text(pair) RETURNS text LANGUAGE sql AS 'SELECT ''x'''",
                        "CREATE CAST (pair AS text) WITH FUNCTION pair_text(pair)"),
                kind(
                        "operator",
                        "public.===(integer,integer)",
                        false,
                        "CREATE FUNCTION same(int, int) RETURNS bool LANGUAGE sql AS 'SELECT true'",
                        "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = same)"),
                kind(
                        "operator class",
                        "public.reversed",
                        true,
                        "CREATE OPERATOR CLASS reversed FOR TYPE int USING btree AS OPERATOR 1 >, "
                                + "FUNCTION 1 btint4cmp(int, int)"),
                kind("operator family", "public.fam", true, "CREATE OPERATOR FAMILY fam USING btree"),
                kind(
                        "aggregate",
                        "public.total(integer)",
                        false,
                        "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int)"),
                kind(
                        "window function",
                        "public.rn()",
                        true,
                        "CREATE FUNCTION rn() RETURNS bigint WINDOW LANGUAGE internal AS 'window_row_number'"),
                kind("collation", "public.bytes", false, "CREATE COLLATION bytes FROM \"C\""),
                kind(
                        "conversion",
                        "public.conv",
                        false,
                        "CREATE CONVERSION conv FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8"),
                kind(
                        "text search configuration",
                        "public.cfg",
                        false,
                        "CREATE TEXT SEARCH CONFIGURATION cfg (COPY = english)"),
                kind(
                        "text search dictionary",
                        "public.dict",
                        false,
                        "CREATE TEXT SEARCH DICTIONARY dict (TEMPLATE = simple)"),
                kind(
                        "text search parser",
                        "public.prs",
                        true,
                        "CREATE TEXT SEARCH PARSER prs (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, "
                                + "LEXTYPES = prsd_lextype)"),
                kind(
                        "text search template",
                        "public.tmpl",
                        true,
                        "CREATE TEXT SEARCH TEMPLATE tmpl (LEXIZE = dsimple_lexize)"),
                kind(
                        "statistics object",
                        "public.ab",
                        false,
                        "CREATE TABLE t (a int, b int)",
                        "CREATE STATISTICS ab ON a, b FROM t"),
                kind("range type", "public.span", false, "CREATE TYPE span AS RANGE (subtype = int)"),
                kind(
                        "base type",
                        "public.four",
                        true,
                        "CREATE TYPE four",
                        "CREATE FUNCTION four_in(cstring) RETURNS four LANGUAGE internal IMMUTABLE STRICT AS 'int4in'",
                        "CREATE FUNCTION four_out(four) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out'",
                        "CREATE TYPE four (INPUT = four_in, OUTPUT = four_out, LIKE = int4)"),
                kind("shell type", "public.later", true, "CREATE TYPE later"),
                kind("foreign-data wrapper", "w", true, "CREATE FOREIGN DATA WRAPPER w"),
                kind(
                        "foreign server",
                        "s",
                        true,
                        "CREATE FOREIGN DATA WRAPPER w",
                        "CREATE SERVER s FOREIGN DATA WRAPPER w"),
                kind("procedural language", "plx", true, "CREATE LANGUAGE plx HANDLER plpgsql_call_handler"),
                kind(
                        "access method",
                        "heap2",
                        true,
                        "CREATE ACCESS METHOD heap2 TYPE TABLE HANDLER heap_tableam_handler"));
    }

    private static Arguments kind(String kind, String object, boolean superuser, String... sql) {
        return Arguments.of(kind, object, superuser, sql);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void failsNamingTheKindAndTheObject(String kind, String object, boolean superuser, String[] sql) throws Exception {
        PostgresEndpoint database = TestServices.newDatabase("unsupported");
        (superuser ? ScratchServers.admin().withDatabase(database.database()) : database).execute(sql);

        Refused refused;
        try (Connection connection = database.connect()) {
            refused = catchThrowableOfType(Refused.class, () -> CatalogReader.read(connection));
        }

        assertThat(refused).as("a database with a %s", kind).isNotNull();
        assertThat(refused.objects())
                .as(refused.getMessage())
                .anyMatch(found -> found.kind().equals(kind) && found.object().startsWith(object));
        assertThat(refused.getMessage()).contains("  " + kind + " " + object);
        assertThat(UnsupportedObjects.KINDS).containsKey(kind);
    }
}
