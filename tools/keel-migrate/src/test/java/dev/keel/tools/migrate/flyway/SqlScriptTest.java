package dev.keel.tools.migrate.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsOnSemicolonsAndKnowsEachStatementsLine() {
        List<SqlScript.Statement> statements = SqlScript.split("""
                -- a comment; with a semicolon
                CREATE TABLE a (id int);

                /* block; /* nested; */ still comment; */
                INSERT INTO a VALUES (1);
                """);

        assertThat(statements).extracting(SqlScript.Statement::line).containsExactly(2, 5);
        assertThat(statements.get(1).sql()).isEqualTo("INSERT INTO a VALUES (1)");
    }

    @Test
    void semicolonsInsideQuotesAndDollarQuotesDoNotSplit() {
        List<SqlScript.Statement> statements = SqlScript.split("""
                SELECT 'it''s; fine', E'back\\'slash; too', "odd;name" FROM t;
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$
                BEGIN
                    RETURN 1; -- inside
                END
                $body$;
                SELECT $1, $$x;y$$;
                """);

        assertThat(statements).hasSize(3);
        assertThat(statements.get(1).sql()).contains("RETURN 1;").endsWith("$body$");
        assertThat(statements.get(2).line()).isEqualTo(7);
    }

    @Test
    void aScriptOfCommentsHasNoStatements() {
        assertThat(SqlScript.split("-- nothing\n/* at all */\n")).isEmpty();
    }
}
