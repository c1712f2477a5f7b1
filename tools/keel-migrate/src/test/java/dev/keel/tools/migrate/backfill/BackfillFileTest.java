package dev.keel.tools.migrate.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.tools.migration.MigrationException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading a backfill file with the SQL lexer: the directive, the one statement, its :after and :upto. */
class BackfillFileTest {

    private static final Path FILE = Path.of("db/backfill/fix_items.sql");
    private static final String DIRECTIVE = "-- keel:backfill table=item key=id batch=500 sleep=250ms\n";

    @Test
    void readsTheDirectiveAndRendersTheParametersAsCastsToTheKeyType() {
        BackfillFile backfill = parse(DIRECTIVE + "UPDATE item SET n = n + 1 WHERE id > :after AND id <= :upto;\n");

        assertThat(backfill.name()).isEqualTo("fix_items");
        assertThat(backfill.directive())
                .isEqualTo(new BackfillFile.Directive(
                        "item", "id", 500, Duration.ofMillis(250), Duration.ofSeconds(2), Duration.ofSeconds(60), 1));
        BackfillStatement.Rendered next = backfill.statement().render("bigint", false);
        assertThat(next.sql())
                .isEqualTo("UPDATE item SET n = n + 1 WHERE id > CAST(? AS bigint) AND id <= CAST(? AS bigint)");
        assertThat(next.parameters())
                .containsExactly(BackfillStatement.Parameter.AFTER, BackfillStatement.Parameter.UPTO);
    }

    @Test
    void theFirstBatchTakesItsFirstKeyInclusively() {
        BackfillFile backfill = parse(DIRECTIVE + "UPDATE item SET n = 0 WHERE :upto >= id AND :after < id");

        BackfillStatement.Rendered first = backfill.statement().render("uuid", true);

        assertThat(first.sql())
                .isEqualTo("UPDATE item SET n = 0 WHERE CAST(? AS uuid) >= id AND CAST(? AS uuid) <= id");
        assertThat(first.parameters())
                .containsExactly(BackfillStatement.Parameter.UPTO, BackfillStatement.Parameter.AFTER);
    }

    @Test
    void parametersInStringsCommentsAndCastsAreLeftAlone() {
        BackfillFile backfill = parse(DIRECTIVE + """
                UPDATE item SET note = ':after' || $$:upto$$, -- not :after here
                       tag = 'x'::text /* nor :upto here */
                 WHERE id > :after AND id <= :upto AND data ? 'key'
                """);

        assertThat(backfill.statement().render("integer", false).sql()).isEqualTo("""
                UPDATE item SET note = ':after' || $$:upto$$, -- not :after here
                       tag = 'x'::text /* nor :upto here */
                 WHERE id > CAST(? AS integer) AND id <= CAST(? AS integer) AND data ?? 'key'""");
    }

    @Test
    void defaultsForWhatTheDirectiveLeavesOut() {
        BackfillFile.Directive directive = parse("-- keel:backfill table=item key=id\nUPDATE item SET n = 1 "
                        + "WHERE id > :after AND id <= :upto")
                .directive();

        assertThat(directive.batch()).isEqualTo(1000);
        assertThat(directive.sleep()).isEqualTo(Duration.ofMillis(100));
        assertThat(BackfillFile.parseDuration("1min")).isEqualTo(Duration.ofMinutes(1));
        assertThat(BackfillFile.parseDuration("0")).isZero();
        assertThat(BackfillFile.parseDuration("1 second")).isNull();
    }

    @Test
    void refusesAFileWithoutTheDirective() {
        assertRefused(
                "-- keel:backfil table=item key=id\nUPDATE item SET n = 1 WHERE id > :after AND id <= :upto",
                "fix_items.sql line 1: no keel:backfill directive",
                "Fix: start the file with a line such as -- keel:backfill table=widget key=id");
    }

    @Test
    void refusesADirectiveThatIsIncompleteOrMisspelledOrLate() {
        assertRefused(
                "-- keel:backfill table=item\nUPDATE item SET n = 1 WHERE id > :after AND id <= :upto",
                "line 1: the directive names no key");
        assertRefused(
                "-- keel:backfill table=item key=id batches=10\nUPDATE item SET n = 1 WHERE id > :after AND id <= :upto",
                "line 1: 'batches=10' is not a setting of the directive");
        assertRefused(
                "-- keel:backfill table=item key=id sleep=1second\nUPDATE item SET n = 1 WHERE id > :after AND id <= :upto",
                "line 1: sleep=1second is not a duration");
        assertRefused(
                "UPDATE item SET n = 1 WHERE id > :after AND id <= :upto;\n-- keel:backfill table=item key=id\n",
                "line 2: the keel:backfill directive comes after the statement");
    }

    @Test
    void refusesAStatementWithoutBothParameters() {
        assertRefused(
                DIRECTIVE + "\nUPDATE item SET n = 1 WHERE id > :after AND note <> ':upto'",
                "fix_items.sql line 3: the statement never uses :upto",
                "key > :after AND key <= :upto");
        assertRefused(
                DIRECTIVE + "UPDATE item SET n = 1 -- WHERE id > :after\n WHERE id <= :upto",
                "line 2: the statement never uses :after");
    }

    @Test
    void refusesOffset() {
        assertRefused(
                DIRECTIVE + "INSERT INTO copy SELECT * FROM item\nWHERE id > :after AND id <= :upto\nOFFSET 10",
                "fix_items.sql line 4: OFFSET in a backfill statement",
                "never OFFSET");
    }

    @Test
    void refusesMoreThanOneStatement() {
        assertRefused(
                DIRECTIVE + "UPDATE item SET n = 1 WHERE id > :after AND id <= :upto;\nUPDATE item SET n = 2;\n",
                "fix_items.sql line 3: a second statement; a backfill runs exactly one per batch");
    }

    @Test
    void refusesALowerBoundThatIsNotTheKeysLowerBound() {
        assertRefused(
                DIRECTIVE + "UPDATE item SET n = 1 WHERE id >= :after AND id <= :upto",
                "line 2: :after is used other than as key > :after");
    }

    @Test
    void refusesADelete() {
        assertRefused(
                DIRECTIVE + "DELETE FROM item WHERE id > :after AND id <= :upto",
                "line 2: 'DELETE FROM item WHERE id > :after AND id <= :upto' is not an UPDATE or INSERT");
    }

    @Test
    void unreadableSqlNamesItsLine() {
        assertRefused(DIRECTIVE + "UPDATE item SET note = 'open\n", "line 2: unterminated string");
    }

    private static BackfillFile parse(String sql) {
        return BackfillFile.parse(FILE, sql);
    }

    private static void assertRefused(String sql, String... message) {
        assertThatThrownBy(() -> parse(sql))
                .isInstanceOf(MigrationException.class)
                .hasMessageContainingAll(message);
    }
}
