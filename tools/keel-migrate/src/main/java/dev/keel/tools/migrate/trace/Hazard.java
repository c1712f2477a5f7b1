package dev.keel.tools.migrate.trace;

import dev.keel.tools.lint.Rule;
import java.util.EnumSet;
import java.util.Set;

/**
 * What makes an observed effect dangerous, and which static rules report that danger: a finding
 * confirms the hazard only when its rule is about that hazard, so a statement flagged for
 * something else still shows what the rules missed.
 */
enum Hazard {

    /** The relation was rewritten: its new file holds every row again. */
    REWRITE(
            "rewrite",
            EnumSet.of(
                    Rule.REWRITING_TYPE_CHANGE,
                    Rule.VOLATILE_DEFAULT,
                    Rule.TABLE_REWRITE,
                    Rule.REINDEX_CONCURRENTLY,
                    Rule.TRUNCATE_CASCADE),
            EnumSet.noneOf(Rule.class)),
    /** The lock was requested with lock_timeout 0: it waits behind any transaction, and every query waits behind it. */
    NO_LOCK_TIMEOUT("no lock_timeout", withLockAvoiding(Rule.LOCK_TIMEOUT), EnumSet.noneOf(Rule.class)),
    /** The lock stayed held while later statements of the transaction ran. */
    LATER_STATEMENTS(
            "held over later statements",
            withLockAvoiding(),
            EnumSet.of(Rule.WORK_AFTER_EXCLUSIVE_LOCK, Rule.VALIDATE_IN_SAME_TRANSACTION)),
    /** The statement that took the lock scanned the table while holding it. */
    SCAN("scan under the lock", withLockAvoiding(), EnumSet.noneOf(Rule.class));

    /** Rules whose fix avoids taking the lock at all, so they cover every hazard of the lock. */
    private static Set<Rule> withLockAvoiding(Rule... more) {
        Set<Rule> rules = EnumSet.of(
                Rule.INDEX_CONCURRENTLY,
                Rule.DROP_INDEX_CONCURRENTLY,
                Rule.REINDEX_CONCURRENTLY,
                Rule.TABLE_REWRITE,
                Rule.UNIQUE_ON_EXISTING_TABLE,
                Rule.EXCLUSION_CONSTRAINT,
                Rule.SET_NOT_NULL,
                Rule.CONSTRAINT_NOT_VALID,
                Rule.REWRITING_TYPE_CHANGE,
                Rule.VOLATILE_DEFAULT);
        rules.addAll(Set.of(more));
        return rules;
    }

    private final String label;
    private final Set<Rule> onTheStatement;
    private final Set<Rule> whileHeld;

    Hazard(String label, Set<Rule> onTheStatement, Set<Rule> whileHeld) {
        this.label = label;
        this.onTheStatement = onTheStatement;
        this.whileHeld = whileHeld;
    }

    String label() {
        return label;
    }

    /** Rules that cover it when they flag the statement that caused it. */
    Set<Rule> onTheStatement() {
        return onTheStatement;
    }

    /** Rules that cover it when they flag any statement that ran while the lock was held. */
    Set<Rule> whileHeld() {
        return whileHeld;
    }

    /** Every rule about a hazard the trace can see: their findings on a statement where it saw none are "not observed". */
    static Set<Rule> observableRules() {
        Set<Rule> rules = EnumSet.noneOf(Rule.class);
        for (Hazard hazard : values()) {
            rules.addAll(hazard.onTheStatement);
            rules.addAll(hazard.whileHeld);
        }
        return rules;
    }
}
