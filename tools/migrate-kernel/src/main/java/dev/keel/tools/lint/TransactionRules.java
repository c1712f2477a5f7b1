package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;

/**
 * How Flyway runs the file, and whether that matches what it says: no BEGIN or COMMIT inside it;
 * a statement that cannot run in a transaction alone in a file that declares
 * -- keel:non-transactional and that Flyway really runs without one; no header where Flyway
 * runs the file in a transaction anyway.
 */
final class TransactionRules implements StatementRule {

    @Override
    public void check(StatementContext context) {
        if (context.operation instanceof Operation.TransactionControl control) {
            context.report(
                    Rule.TRANSACTION_CONTROL,
                    null,
                    control.command() + " inside a migration: Flyway manages " + "the transaction");
        }
    }

    @Override
    public void finish(FileScope file, SchemaModel schema, Reporter reporter) {
        TransactionProblems.of(file.script)
                .forEach(problem -> reporter.report(problem.statementIndex(), problem.rule(), null, problem.message()));
    }
}
