package dev.keel.tools.migrate.trace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How long one lock on a live relation was held: from the start of the statement that took it to
 * the commit. Outside a transaction the lock was only seen by the sampler while the statement
 * ran, and how long it was held is unknown.
 *
 * @param heldThrough index of the last statement that ran while it was held
 * @param heldNanos   0 when sampled: not measured
 * @param scanned     whether the statement that took it scanned the table; null when not measured
 * @param laterWork   what later statements did while it was held that made the wait longer: scans,
 *                    row writes, locks on other tables (each a possible wait), long runs
 */
record LockSpan(
        Relations.Relation relation,
        LockMode mode,
        StatementTrace first,
        int heldThrough,
        long heldNanos,
        Boolean scanned,
        List<String> laterWork) {

    /** A later statement running this long is work, whatever it does (a sleep, a slow function). */
    private static final long LONG_NANOS = 100_000_000;

    int laterStatements() {
        return heldThrough - first.index();
    }

    /** Seen by the sampler outside a transaction, not measured: informs, never a finding. */
    boolean sampled() {
        return first.sampled();
    }

    /** Null when sampled: a statement's run time is no lock's hold time. */
    Long heldMillis() {
        return sampled() ? null : heldNanos / 1_000_000;
    }

    /** None for the safe pattern: a lock taken with a lock_timeout, held briefly, over no scan. */
    List<Hazard> hazards() {
        List<Hazard> hazards = new ArrayList<>();
        if (!first.lockTimeoutSet()) {
            hazards.add(Hazard.NO_LOCK_TIMEOUT);
        }
        if (!laterWork.isEmpty()) {
            hazards.add(Hazard.LATER_STATEMENTS);
        }
        if (Boolean.TRUE.equals(scanned)) {
            hazards.add(Hazard.SCAN);
        }
        return hazards;
    }

    String describe(Hazard hazard, FileTrace file) {
        String rows = relation.table() + " (" + file.rows().getOrDefault(relation.tableOid(), 0L) + " rows)";
        return switch (hazard) {
            case NO_LOCK_TIMEOUT -> "taken with lock_timeout 0";
            case LATER_STATEMENTS ->
                "held while " + laterStatements() + " later statement" + (laterStatements() == 1 ? "" : "s") + " ran ("
                        + String.join(", ", laterWork) + ")";
            case SCAN -> "the statement scanned " + rows + " while holding it";
            case REWRITE -> throw new IllegalArgumentException("a lock is no rewrite");
        };
    }

    /** Every span of every lock on a live relation in the file, in statement order. */
    static List<LockSpan> of(FileTrace file) {
        List<StatementTrace> statements = file.statements();
        Set<Locks.Lock> locks = new LinkedHashSet<>();
        statements.forEach(statement -> locks.addAll(statement.held().keySet()));
        List<LockSpan> spans = new ArrayList<>();
        for (Locks.Lock lock : locks) {
            Relations.Relation relation = file.live().get(lock.oid());
            if (relation == null) {
                continue; // created in this file or its release group: nobody else can be using it
            }
            for (int i = 0; i < statements.size(); i++) {
                StatementTrace first = statements.get(i);
                if (!first.held().containsKey(lock)
                        || (!first.sampled()
                                && i > 0
                                && statements.get(i - 1).held().containsKey(lock))) {
                    continue;
                }
                int through = i;
                while (!first.sampled()
                        && through + 1 < statements.size()
                        && statements.get(through + 1).held().containsKey(lock)) {
                    through++;
                }
                spans.add(span(file, relation, lock.mode(), i, through));
            }
        }
        spans.sort((a, b) -> Integer.compare(a.first().index(), b.first().index()));
        return spans;
    }

    private static LockSpan span(FileTrace file, Relations.Relation relation, LockMode mode, int first, int through) {
        List<StatementTrace> statements = file.statements();
        StatementTrace taker = statements.get(first);
        if (taker.sampled()) {
            return new LockSpan(relation, mode, taker, first, 0, null, List.of());
        }
        // Held to the commit, unless a statement (a COMMIT in the file) let it go: then until that one ended.
        // Only the statements' and the commit's own time counts, not the trace's queries between them.
        boolean toCommit = through == statements.size() - 1;
        int lastRunning = toCommit ? through : through + 1;
        long held = toCommit ? file.commitNanos() : 0;
        Set<String> laterWork = new LinkedHashSet<>();
        for (int i = first; i <= lastRunning; i++) {
            held += statements.get(i).nanos();
            if (i > first) {
                laterWork.addAll(work(file, statements.get(i - 1), statements.get(i), relation));
            }
        }
        TableActivity own = taker.activity().get(relation.tableOid());
        return new LockSpan(
                relation, mode, taker, through, held, own != null && own.seqScans() > 0, List.copyOf(laterWork));
    }

    /**
     * What a later statement did that prolongs the wait: an instant ALTER of the same table adds
     * nothing, a backfill or a lock on another table (which may have to wait itself) does.
     */
    private static List<String> work(
            FileTrace file, StatementTrace previous, StatementTrace later, Relations.Relation locked) {
        List<String> work = new ArrayList<>();
        later.activity().forEach((oid, activity) -> {
            Relations.Relation table = file.live().get(oid);
            if (table != null) {
                String name = table.name() + " (" + file.rows().getOrDefault(oid, 0L) + " rows)";
                work.add((activity.seqScans() > 0 ? "scanning " : "writing rows of ") + name);
            }
        });
        later.held().keySet().stream()
                .filter(lock -> !previous.held().containsKey(lock))
                .map(lock -> file.live().get(lock.oid()))
                .filter(other -> other != null && other.isTable() && other.tableOid() != locked.tableOid())
                .map(other -> "locking " + other.name())
                .distinct()
                .forEach(work::add);
        if (later.nanos() > LONG_NANOS) {
            work.add("one ran " + later.nanos() / 1_000_000 + " ms");
        }
        return work;
    }

    /** Whether the session already held the table in this mode or a stronger one when the statement began. */
    boolean alreadyHeld(FileTrace file) {
        if (first.sampled() || first.index() == 0) {
            return false;
        }
        return file.statements().get(first.index() - 1).held().keySet().stream()
                .anyMatch(
                        lock -> lock.oid() == relation.tableOid() && lock.mode().compareTo(mode) >= 0);
    }
}
