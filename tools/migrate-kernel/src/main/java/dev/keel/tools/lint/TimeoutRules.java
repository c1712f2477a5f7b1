package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import java.util.Locale;
import java.util.Set;

/**
 * lock_timeout before a statement that blocks a live table; statement_timeout before one that also
 * works while it holds that lock (a rewrite, scan, index build or backfill: an instant catalog change
 * needs only lock_timeout); and SET's scope: a plain SET outlives a transactional file, SET LOCAL
 * does nothing outside a transaction.
 */
final class TimeoutRules implements StatementRule {

    private static final Set<String> TIMEOUTS = Set.of("lock_timeout", "statement_timeout");

    /** What the locking rules report when a statement works under its lock, for as long as the data makes it. */
    private static final Set<Rule> WORK_UNDER_LOCK = Set.of(
            Rule.REWRITING_TYPE_CHANGE,
            Rule.VOLATILE_DEFAULT,
            Rule.TABLE_REWRITE,
            Rule.SET_NOT_NULL,
            Rule.CONSTRAINT_NOT_VALID,
            Rule.UNIQUE_ON_EXISTING_TABLE,
            Rule.EXCLUSION_CONSTRAINT,
            Rule.INDEX_CONCURRENTLY,
            Rule.REINDEX_CONCURRENTLY,
            Rule.WORK_AFTER_EXCLUSIVE_LOCK);

    @Override
    public void check(StatementContext context) {
        if (context.operation instanceof Operation.SetParameter set && TIMEOUTS.contains(set.parameter())) {
            checkSet(context, set);
            return;
        }
        // Once per file: the fix (one SET LOCAL at the top) is the same for every statement after it.
        LockLevel.of(context).ifPresent(lock -> {
            if (!context.file.lockTimeoutSet && !context.file.lockTimeoutReported) {
                context.file.lockTimeoutReported = true;
                context.report(
                        Rule.LOCK_TIMEOUT,
                        null,
                        "takes " + lock + " with no lock_timeout set before it in " + "this file");
            }
        });
        // Once per file too, at the first statement that works under a lock.
        if (context.file.transactional
                && !context.file.statementTimeoutSet
                && !context.file.statementTimeoutReported
                && context.hasReported(WORK_UNDER_LOCK)) {
            context.file.statementTimeoutReported = true;
            context.report(
                    Rule.STATEMENT_TIMEOUT,
                    null,
                    "works under a lock (a rewrite, scan, index build or backfill) with no statement_timeout set "
                            + "before it in this file");
        }
    }

    private static void checkSet(StatementContext context, Operation.SetParameter set) {
        boolean effective = true;
        if (set.local() && !context.file.transactional) {
            context.report(
                    Rule.SET_LOCAL_WITHOUT_TRANSACTION,
                    set.at(),
                    set.parameter() + " is set LOCAL in a file "
                            + "that runs without a transaction, so it is not set at all");
            effective = false;
        } else if (!set.local() && context.file.transactional) {
            context.report(
                    Rule.SESSION_SET,
                    set.at(),
                    "SET " + set.parameter() + " stays in effect for the migrations " + "that run after this file");
        }
        if (disables(set.value())) {
            effective = false;
        }
        if (effective && set.parameter().equals("lock_timeout")) {
            context.file.lockTimeoutSet = true;
        } else if (effective) {
            context.file.statementTimeoutSet = true;
        }
    }

    /** 0, '0s', DEFAULT: no timeout at all. */
    private static boolean disables(String value) {
        String normalized = value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return normalized.isEmpty() || normalized.equals("default") || normalized.matches("0+(us|ms|s|min|h|d)?");
    }
}
