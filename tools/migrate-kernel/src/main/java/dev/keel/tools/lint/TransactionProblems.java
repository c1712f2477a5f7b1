package dev.keel.tools.lint;

import dev.keel.tools.migration.MigrationFiles;
import dev.keel.tools.sql.FlywayScript;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a file's transaction is what it says and what PostgreSQL accepts: shared by the checker
 * (rule findings) and make migrate-validate (plain messages), so the two never disagree.
 */
public final class TransactionProblems {

    /** One problem, on the statement at {@code statementIndex}. */
    public record Problem(int statementIndex, Rule rule, String message) {}

    private TransactionProblems() {}

    /**
     * Each migration's transaction problems as make migrate-validate prints them: a statement that
     * cannot run in a transaction alone in its file, declared with the header, in a file Flyway
     * really runs without one; the same terms as make migrate-lint.
     */
    public static List<String> messages(MigrationFiles files) {
        List<String> messages = new ArrayList<>();
        for (MigrationFiles.Migration migration : files.migrations()) {
            Path file = migration.file();
            FlywayScript script = MigrationFiles.script(file);
            of(script)
                    .forEach(problem -> messages.add(file + " line "
                            + script.statements().get(problem.statementIndex()).line() + ": " + problem.message()));
        }
        return messages;
    }

    public static List<Problem> of(FlywayScript script) {
        List<Problem> problems = new ArrayList<>();
        int outside = 0;
        for (int i = 0; i < script.statements().size(); i++) {
            if (!script.cannotRunInTransaction(i)) {
                continue;
            }
            outside++;
            String statement = script.statements().get(i).summary();
            if (script.runsInTransaction() && script.flywaySeesNonTransactional(i)) {
                problems.add(new Problem(
                        i,
                        Rule.MIXED_TRANSACTION,
                        statement + " cannot run in a transaction and the "
                                + "file holds other statements: Flyway refuses to run it"));
            } else if (script.runsInTransaction()) {
                problems.add(new Problem(
                        i,
                        Rule.NON_TRANSACTIONAL_UNDECLARED,
                        "Flyway does not know that " + statement
                                + " cannot run in a transaction and wraps the file in one, which PostgreSQL refuses; add a "
                                + "script config (.sql.conf) holding executeInTransaction=false"));
            } else if (!script.declaredNonTransactional()) {
                problems.add(new Problem(
                        i,
                        Rule.NON_TRANSACTIONAL_UNDECLARED,
                        statement + " runs without a "
                                + "transaction, and the file does not start with "
                                + FlywayScript.NON_TRANSACTIONAL_HEADER
                                + " to say so"));
            }
        }
        if (!script.runsInTransaction() && script.statements().size() > 1) {
            problems.add(new Problem(
                    1,
                    Rule.MIXED_TRANSACTION,
                    "this file runs without a transaction, so the "
                            + "statements before a failing one stay applied; keep one statement per such file"));
        }
        if (script.declaredNonTransactional()
                && script.runsInTransaction()
                && outside == 0
                && !script.statements().isEmpty()) {
            problems.add(new Problem(
                    0,
                    Rule.NEEDLESS_NON_TRANSACTIONAL,
                    "declares "
                            + FlywayScript.NON_TRANSACTIONAL_HEADER
                            + ", but no statement needs it and Flyway runs the file "
                            + "in a transaction"));
        }
        return problems;
    }
}
