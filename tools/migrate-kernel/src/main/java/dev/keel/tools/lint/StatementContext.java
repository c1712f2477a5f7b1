package dev.keel.tools.lint;

import dev.keel.tools.sql.Operation;
import dev.keel.tools.sql.QualifiedName;
import dev.keel.tools.sql.SqlStatement;
import dev.keel.tools.sql.Token;
import java.util.List;

/** What a rule sees of one statement: the statement, what it does, its file, the schema so far; and where to report. */
final class StatementContext {

    final SqlStatement statement;
    final Operation operation;
    final FileScope file;
    final SchemaModel schema;
    private final List<Finding> findings;

    StatementContext(
            SqlStatement statement, Operation operation, FileScope file, SchemaModel schema, List<Finding> findings) {
        this.statement = statement;
        this.operation = operation;
        this.file = file;
        this.schema = schema;
        this.findings = findings;
    }

    void report(Rule rule, Token at, String message) {
        Token where = at != null ? at : statement.first();
        findings.add(Finding.of(rule, file.path, where.line(), where.column(), message));
    }

    /** Whether a rule already reported one of these on this statement. */
    boolean hasReported(java.util.Set<Rule> rules) {
        return findings.stream()
                .anyMatch(finding -> rules.stream().anyMatch(rule -> rule.id().equals(finding.rule())));
    }

    /** A table that existed before this release: locks on it block a live application. */
    boolean isLive(QualifiedName table) {
        return table != null && !isSystemCatalog(table) && !schema.isNew(table, file.origin);
    }

    /** PostgreSQL's own catalogs (pg_index, information_schema.columns) hold no application rows. */
    static boolean isSystemCatalog(QualifiedName table) {
        return "pg_catalog".equals(table.schema())
                || "information_schema".equals(table.schema())
                || table.schema() == null && table.name().startsWith("pg_");
    }

    SchemaModel.Table table(QualifiedName name) {
        return schema.table(name);
    }
}
