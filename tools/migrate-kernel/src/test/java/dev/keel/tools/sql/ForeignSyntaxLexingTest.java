package dev.keel.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.tools.sql.Token.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SQL from MySQL and SQL Server lexes and splits without an error, so the postgres-only rule can name it. */
class ForeignSyntaxLexingTest {

    @Test
    void backticksVariablesAndBracketsAreTokens() {
        List<Token> tokens = SqlLexer.tokenize("SELECT `a b`, @x := 1, @@version, [dbo].[t] FROM `t`;");

        assertThat(tokens)
                .extracting(Token::text)
                .containsExactly(
                        "SELECT", "`a b`", ",", "@", "x", ":", "=", "1", ",", "@@", "version", ",", "[", "dbo", "]",
                        ".", "[", "t", "]", "FROM", "`t`", ";");
        assertThat(tokens.get(1).kind()).isEqualTo(Kind.BACKTICK_IDENTIFIER);
        assertThat(tokens.get(1).name()).isEqualTo("a b");
    }

    @Test
    void aDelimiterLineChangesWhereStatementsEnd() {
        SqlSplitter.Script script = SqlSplitter.split("""
                DELIMITER $$
                CREATE PROCEDURE p()
                BEGIN
                  SELECT 1;
                  SELECT 2;
                END$$
                DELIMITER ;
                SELECT 3;
                DELIMITER //
                CREATE TRIGGER x BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END //
                """);

        assertThat(script.statements())
                .extracting(statement -> statement.first().text())
                .containsExactly("DELIMITER", "CREATE", "DELIMITER", "SELECT", "DELIMITER", "CREATE");
        assertThat(script.statements().get(1).text()).endsWith("END");
        assertThat(script.statements().get(1).tokens()).anyMatch(token -> token.isSymbol(";"));
        assertThat(script.statements().get(0).tokens().get(1).kind()).isEqualTo(Kind.DELIMITER);
        assertThat(script.statements().get(5).text()).endsWith("END");
    }

    @Test
    void aMySqlRoutineWithoutDelimiterStaysOneStatement() {
        SqlSplitter.Script script = SqlSplitter.split("""
                CREATE PROCEDURE p()
                BEGIN
                  IF 1 = 1 THEN SELECT 1; END IF;
                  WHILE 0 = 1 DO SELECT 2; END WHILE;
                  CASE WHEN 1 = 1 THEN SELECT 5; ELSE SELECT CASE WHEN 1 = 1 THEN 6 END; END CASE;
                  BEGIN SELECT 3; END;
                END;
                SELECT 4;
                """);

        assertThat(script.statements()).hasSize(2);
        assertThat(script.statements().get(1).text()).isEqualTo("SELECT 4");
    }

    @Test
    void delimiterInsidePostgresStatementsIsAWord() {
        SqlSplitter.Script script = SqlSplitter.split("COPY t (n) FROM stdin WITH\nDELIMITER ',';\nSELECT 1;");

        assertThat(script.statements()).hasSize(2);
        assertThat(script.statements().getFirst().tokens()).noneMatch(token -> token.kind() == Kind.DELIMITER);
    }

    @Test
    void postgresBodiesStillSplitAsBefore() {
        SqlSplitter.Script script =
                SqlSplitter.split("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n"
                        + "CREATE FUNCTION g() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;\nSELECT 2;");

        assertThat(script.statements()).hasSize(3);
    }
}
