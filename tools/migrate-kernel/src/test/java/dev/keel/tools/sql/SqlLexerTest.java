package dev.keel.tools.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.sql.Token.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {

    @Test
    void nestedCommentsStringsAndDollarQuotesAreSingleTokens() {
        List<Token> tokens = SqlLexer.tokenize("""
                /* outer /* inner; */ still; */ SELECT E'it\\'s;', 'a''b', $fn$ x; $$ y $fn$, U&"d\\0061t;a", ${flyway:user};
                """);

        assertThat(tokens)
                .extracting(Token::kind)
                .containsExactly(
                        Kind.BLOCK_COMMENT,
                        Kind.WORD,
                        Kind.STRING,
                        Kind.PUNCTUATION,
                        Kind.STRING,
                        Kind.PUNCTUATION,
                        Kind.DOLLAR_STRING,
                        Kind.PUNCTUATION,
                        Kind.QUOTED_IDENTIFIER,
                        Kind.PUNCTUATION,
                        Kind.PLACEHOLDER,
                        Kind.PUNCTUATION);
        assertThat(tokens.get(4).stringValue()).isEqualTo("a'b");
        assertThat(tokens.get(6).stringValue()).isEqualTo(" x; $$ y ");
    }

    @Test
    void tokensKnowTheirLineAndColumn() {
        List<Token> tokens = SqlLexer.tokenize("-- head\nALTER TABLE\n    \"Odd \"\"name\"\" \" ADD x int;");

        Token name = tokens.get(3);
        assertThat(name.line()).isEqualTo(3);
        assertThat(name.column()).isEqualTo(5);
        assertThat(name.name()).isEqualTo("Odd \"name\" ");
        assertThat(tokens.get(1).name()).isEqualTo("alter");
    }

    @Test
    void castsParametersAndNumbers() {
        List<Token> tokens = SqlLexer.tokenize("SELECT $1::int, 1.5e3, .5, a[1:2]");

        assertThat(tokens)
                .extracting(Token::text)
                .containsExactly(
                        "SELECT", "$1", "::", "int", ",", "1.5e3", ",", ".5", ",", "a", "[", "1", ":", "2", "]");
    }

    @Test
    void unterminatedInputNamesWhereItStarts() {
        assertThatThrownBy(() -> SqlLexer.tokenize("SELECT 1;\nSELECT 'open"))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessageContaining("unterminated string")
                .satisfies(e -> assertThat(((SqlSyntaxException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> SqlLexer.tokenize("/* /* */")).hasMessageContaining("unterminated /* comment");
        assertThatThrownBy(() -> SqlLexer.tokenize("SELECT $q$ body")).hasMessageContaining("$q$");
    }

    @Test
    void splitterKeepsAtomicBodiesWholeAndCommentsBeforeEachStatement() {
        SqlSplitter.Script script = SqlSplitter.split("""
                -- keel:allow something here
                CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                    SELECT CASE WHEN a > 0 THEN a ELSE 0 END + b;
                    SELECT 1;
                END;
                /* second */ SELECT 2;
                -- trailing
                """);

        assertThat(script.statements()).hasSize(2);
        assertThat(script.statements().get(0).text()).endsWith("END");
        assertThat(script.statements().get(0).commentsBefore())
                .extracting(Token::text)
                .containsExactly("-- keel:allow something here");
        assertThat(script.statements().get(1).line()).isEqualTo(7);
        assertThat(script.trailingComments()).extracting(Token::text).containsExactly("-- trailing");
    }

    @Test
    void parserReadsTypesConstraintsAndAlterActions() {
        SqlStatement statement = SqlSplitter.split("""
                ALTER TABLE public.t ADD COLUMN c timestamp(3) with time zone NOT NULL DEFAULT now(),
                    ALTER COLUMN d SET DATA TYPE character varying(40),
                    ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES p (id) NOT VALID,
                    RENAME COLUMN e TO f
                """).statements().getFirst();

        Operation.AlterTable alter = (Operation.AlterTable) OperationParser.parse(statement);

        assertThat(alter.table().key()).isEqualTo("t");
        Operation.AddColumn add = (Operation.AddColumn) alter.actions().get(0);
        assertThat(add.column().type().canonical()).isEqualTo("timestamptz");
        assertThat(add.column().notNull()).isTrue();
        assertThat(add.column().defaultExpression()).extracting(Token::text).containsExactly("now", "(", ")");
        Operation.AlterColumnType change =
                (Operation.AlterColumnType) alter.actions().get(1);
        assertThat(change.type().canonical()).isEqualTo("varchar");
        assertThat(change.type().length()).isEqualTo(40);
        Operation.AddConstraint constraint =
                (Operation.AddConstraint) alter.actions().get(2);
        assertThat(constraint.constraint().kind()).isEqualTo(Operation.ConstraintKind.FOREIGN_KEY);
        assertThat(constraint.constraint().notValid()).isTrue();
        assertThat(alter.actions().get(3))
                .isEqualTo(new Operation.RenameColumn(
                        "e", "f", alter.actions().get(3).at()));
    }
}
