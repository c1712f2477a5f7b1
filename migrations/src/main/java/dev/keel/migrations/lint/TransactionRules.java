package dev.keel.migrations.lint;

import dev.keel.migrations.sql.Operation;
import dev.keel.migrations.sql.OperationParser;

/**
 * How Flyway runs the file: no BEGIN or COMMIT inside it, and a statement that cannot run in a
 * transaction alone in a file that declares -- keel:non-transactional (SET may accompany it).
 */
final class TransactionRules implements StatementRule {

    @Override
    public void check(StatementContext context) {
        if (context.operation instanceof Operation.TransactionControl control) {
            context.report(Rule.TRANSACTION_CONTROL, null, control.command() + " inside a migration: Flyway manages "
                    + "the transaction");
        }
        if (OperationParser.cannotRunInTransaction(context.statement) && context.file.transactional) {
            context.report(Rule.NON_TRANSACTIONAL_UNDECLARED, null, context.statement.summary()
                    + " cannot run in a transaction, and the file does not start with -- keel:non-transactional");
        }
    }

    @Override
    public void finish(FileScope file, SchemaModel schema, Reporter reporter) {
        int outside = -1;
        boolean otherWork = false;
        for (int i = 0; i < file.statements.size(); i++) {
            FileScope.Parsed parsed = file.statements.get(i);
            if (OperationParser.cannotRunInTransaction(parsed.statement())) {
                if (outside >= 0) {
                    otherWork = true;
                } else {
                    outside = i;
                }
            } else if (!(parsed.operation() instanceof Operation.SetParameter)) {
                otherWork = true;
            }
        }
        if (outside >= 0 && otherWork) {
            reporter.report(outside, Rule.MIXED_TRANSACTION, null, file.statements.get(outside).statement().summary()
                    + " cannot run in a transaction, so the other statements of this file would run without one too");
        }
    }
}
