package dev.keel.tools.lint;

import dev.keel.tools.sql.FlywayScript;
import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.QualifiedName;
import dev.keel.tools.sql.SqlStatement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One migration file as Flyway runs it (in one transaction unless {@link FlywayScript} says
 * otherwise), with the settings and locks its statements have taken so far.
 */
final class FileScope {

    /** A statement with what it does. */
    record Parsed(SqlStatement statement, Operation operation) {}

    /** An ACCESS EXCLUSIVE lock on a live table, held from this line until the file commits. */
    record HeldLock(QualifiedName table, int line) {}

    final String path;
    final SchemaModel.Origin origin;
    final boolean transactional;
    final List<Parsed> statements = new ArrayList<>();
    boolean lockTimeoutSet;
    boolean statementTimeoutSet;
    boolean lockTimeoutReported;
    boolean statementTimeoutReported;
    /** ACCESS EXCLUSIVE locks on live tables held until the file commits, by table key, oldest first. */
    final Map<String, HeldLock> exclusiveLocks = new LinkedHashMap<>();
    /**
     * Whether a lock outlives its statement: only in one transaction for the whole file. A file
     * with a statement that cannot run in a transaction runs statement by statement, each one
     * committing (or Flyway refuses it, which mixed-transaction reports): no lock carries over.
     */
    final boolean locksOutliveStatements;
    /** table.constraint of constraints this file added NOT VALID. */
    final Set<String> addedNotValid = new HashSet<>();

    final FlywayScript script;

    FileScope(String path, SchemaModel.Origin origin, FlywayScript script) {
        this.path = path;
        this.origin = origin;
        this.script = script;
        this.transactional = script.runsInTransaction();
        this.locksOutliveStatements = transactional
                && IntStream.range(0, script.statements().size()).noneMatch(script::cannotRunInTransaction);
    }
}
