package dev.keel.tools.schemacheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.devservices.PostgresEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drift check catches seeded mistakes in mapper SQL, and passes the shipped mapper. */
class MapperSchemaCheckTest {

    private static PostgresEndpoint database;

    @BeforeAll
    static void migrate(@TempDir Path root) throws IOException {
        database = ScratchSchema.migrated("drift", ScratchSchema.shippedMigrationsIn(root));
    }

    private static String mapper(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "https://mybatis.org/dtd/mybatis-3-mapper.dtd">
                <mapper namespace="seeded.GadgetMapper">
                """ + body + "\n</mapper>\n";
    }

    private static MapperSchemaCheck.Result check(MapperSource... sources) throws SQLException {
        DetachedMappers.Loaded loaded = DetachedMappers.load("seeded", List.of(sources));
        assertThat(loaded.problems()).isEmpty();
        try (Connection connection = database.connect()) {
            return MapperSchemaCheck.check("seeded", loaded.configuration(), connection);
        }
    }

    @Test
    void theShippedMapperPassesEvenWithoutItsJavaTypes() throws Exception {
        MapperSchemaCheck.Result result = check(ScratchSchema.shippedWidgetMapper());

        assertThat(result.problems()).isEmpty();
        assertThat(result.statements()).isEqualTo(7);
        assertThat(result.sqlTexts())
                .as("listLive renders with and without its filters")
                .isGreaterThan(7);
    }

    @Test
    void aSelectOfAColumnTheSchemaLacksFailsWithTheStatementId() throws Exception {
        MapperSchemaCheck.Result result = check(new MapperSource("seeded.xml", mapper("""
                <select id="findColour" resultType="map">SELECT id, colour FROM widget WHERE id = #{id}</select>
                <select id="findName" resultType="map">SELECT id, name FROM widget WHERE id = #{id}</select>
                """)));

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.subject()).isEqualTo("seeded.GadgetMapper.findColour");
            assertThat(problem.message())
                    .contains("column \"colour\" does not exist")
                    .contains("42703");
        });
    }

    @Test
    void aMistakeInAnOptionalBranchIsFoundToo() throws Exception {
        MapperSchemaCheck.Result result = check(new MapperSource("seeded.xml", mapper("""
                <select id="search" resultType="map">
                  SELECT id FROM widget
                  <where><if test="colour != null">colour = #{colour}</if></where>
                </select>
                <update id="archiveAll">
                  UPDATE widget SET archived_at = now()
                  <where><foreach collection="ids" item="id" open="id IN (" close=")" separator=",">#{id}</foreach></where>
                </update>
                """)));

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.subject()).isEqualTo("seeded.GadgetMapper.search (parameters present)");
            assertThat(problem.sql()).contains("colour = ?");
        });
        assertThat(result.sqlTexts())
                .as("search with and without its filter, archiveAll with one id")
                .isEqualTo(3);
    }

    @Test
    void unknownTablesTypesAndFunctionsFail() throws Exception {
        MapperSchemaCheck.Result result = check(new MapperSource("seeded.xml", mapper("""
                <select id="fromGadget" resultType="map">SELECT id FROM gadget</select>
                <select id="castToMood" resultType="map">SELECT #{x}::mood</select>
                <insert id="insertWithFunction">INSERT INTO widget (id, name, status) VALUES (uuidv9(), #{n}, 'DRAFT')</insert>
                """)));

        assertThat(result.problems())
                .extracting(SchemaProblem::subject)
                .containsExactly(
                        "seeded.GadgetMapper.castToMood",
                        "seeded.GadgetMapper.fromGadget",
                        "seeded.GadgetMapper.insertWithFunction");
    }

    @Test
    void aResultMapColumnTheSelectNoLongerReturnsFails() throws Exception {
        MapperSchemaCheck.Result result = check(new MapperSource("seeded.xml", mapper("""
                <resultMap id="row" type="some.gone.Row">
                  <constructor><idArg column="id" name="id"/><arg column="colour" name="colour"/></constructor>
                </resultMap>
                <select id="findAll" resultMap="row">SELECT * FROM widget</select>
                """)));

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.subject()).isEqualTo("seeded.GadgetMapper.findAll");
            assertThat(problem.message()).contains("reads colour, which the statement does not return");
        });
    }

    @Test
    void whatOnlyRunningRevealsFails(@TempDir Path root) throws Exception {
        // The UPDATE parses, but the trigger added here reads a column that is not there.
        Path migration = ScratchSchema.shippedMigrationsIn(root);
        Files.writeString(migration.resolve("V20270101000000__broken_trigger.sql"), """
                CREATE FUNCTION widget_broken() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN NEW.colour := 'red'; RETURN NEW; END $$;
                CREATE TRIGGER widget_broken BEFORE UPDATE ON widget FOR EACH ROW EXECUTE FUNCTION widget_broken();
                INSERT INTO widget (id, name, status) VALUES ('00000000-0000-7000-8000-000000000001', 'one', 'DRAFT');
                """);
        PostgresEndpoint broken = ScratchSchema.migrated("drift_run", migration);
        DetachedMappers.Loaded loaded =
                DetachedMappers.load("seeded", List.of(new MapperSource("seeded.xml", mapper("""
                <update id="touchAll">UPDATE widget SET version = version + 1 WHERE version &lt; #{max}</update>
                """))));
        try (Connection connection = broken.connect()) {
            MapperSchemaCheck.Result result = MapperSchemaCheck.check("seeded", loaded.configuration(), connection);

            assertThat(result.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
                    .contains("colour")
                    .contains("while running it"));
        }
        assertThat(broken.queryForString("SELECT version FROM widget"))
                .as("rolled back")
                .isEqualTo("0");
    }
}
