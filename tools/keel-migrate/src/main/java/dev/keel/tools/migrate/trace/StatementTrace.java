package dev.keel.tools.migrate.trace;

import dev.keel.tools.sql.SqlStatement;
import dev.keel.tools.sql.Token;
import java.util.List;
import java.util.Map;

/**
 * What one statement did on the scratch database.
 *
 * @param held          locks the session held after it (exact) or was seen holding during it (sampled)
 * @param rewritten     relations whose relfilenode it changed
 * @param activity      scans and rows written per table oid during it; empty when not measured (outside a transaction)
 * @param lockTimeout   lock_timeout when it started ("0" is none)
 */
record StatementTrace(
        int index,
        SqlStatement statement,
        boolean sampled,
        long startNanos,
        long endNanos,
        String lockTimeout,
        Map<Locks.Lock, String> held,
        List<Relations.Relation> rewritten,
        Map<Long, TableActivity> activity) {

    int line() {
        return statement.line();
    }

    /** The line its last token ends on, so a finding reported anywhere inside the statement matches it. */
    int endLine() {
        Token last = statement.tokens().getLast();
        return last.line() + (int) last.text().chars().filter(c -> c == '\n').count();
    }

    /** The statement on one line, shortened, for the report. */
    String summary() {
        String text = statement.text().replaceAll("\\s+", " ").strip();
        return text.length() > 100 ? text.substring(0, 97) + "..." : text;
    }

    long nanos() {
        return endNanos - startNanos;
    }

    boolean lockTimeoutSet() {
        return !lockTimeout.equals("0");
    }
}
