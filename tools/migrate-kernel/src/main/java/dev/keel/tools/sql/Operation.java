package dev.keel.tools.sql;

import java.util.List;

/**
 * What a statement does, as far as the migration rules care: which object it touches and how.
 * Statements the rules have nothing to say about are {@link Other}.
 */
public sealed interface Operation {

    /** A column as declared in CREATE TABLE or ADD COLUMN. */
    record ColumnDefinition(
            Token name,
            TypeName type,
            List<Token> defaultExpression,
            boolean notNull,
            boolean primaryKey,
            boolean unique,
            QualifiedName references,
            List<Token> check,
            boolean generatedStored,
            boolean identity,
            List<Token> tokens) {

        public String columnName() {
            return name.name();
        }

        public boolean hasDefault() {
            return !defaultExpression.isEmpty();
        }
    }

    /** The kinds of table constraint. */
    enum ConstraintKind {
        PRIMARY_KEY,
        UNIQUE,
        CHECK,
        FOREIGN_KEY,
        EXCLUDE,
        NOT_NULL
    }

    /** A table constraint, as declared in CREATE TABLE or ADD CONSTRAINT. */
    record ConstraintDefinition(
            String name,
            ConstraintKind kind,
            List<String> columns,
            List<Token> expression,
            QualifiedName references,
            boolean notValid,
            boolean usingIndex,
            Token at) {}

    /**
     * CREATE TABLE, CREATE TABLE AS and CREATE MATERIALIZED VIEW ({@code asQuery}: filled by a query).
     * {@code partitionParent} is set for PARTITION OF; {@code partitioned} for PARTITION BY;
     * {@code likes} names the tables LIKE copies columns from.
     */
    record CreateTable(
            QualifiedName table,
            List<ColumnDefinition> columns,
            List<ConstraintDefinition> constraints,
            boolean temporary,
            QualifiedName partitionParent,
            boolean partitioned,
            boolean asQuery,
            List<QualifiedName> likes)
            implements Operation {

        public boolean partitionOf() {
            return partitionParent != null;
        }
    }

    record AlterTable(QualifiedName table, List<AlterAction> actions) implements Operation {}

    /**
     * {@code only}: ON ONLY a partitioned parent, which builds nothing until the partitions' indexes attach.
     * {@code keys}: the indexed columns and expressions; {@code predicate}: a partial index's WHERE.
     */
    record CreateIndex(
            String name,
            QualifiedName table,
            boolean unique,
            boolean concurrently,
            boolean only,
            List<List<Token>> keys,
            List<Token> predicate,
            Token at)
            implements Operation {}

    record DropTrigger(String name, QualifiedName table) implements Operation {}

    record DropIndex(List<QualifiedName> indexes, boolean concurrently) implements Operation {}

    record Reindex(String targetKind, QualifiedName target, boolean concurrently) implements Operation {}

    /** DROP TABLE, DROP SCHEMA, DROP VIEW and the like (DROP INDEX is {@link DropIndex}). */
    record Drop(String objectKind, List<QualifiedName> names, boolean cascade) implements Operation {}

    record Truncate(List<QualifiedName> tables, boolean cascade) implements Operation {}

    record CreateEnum(QualifiedName type, List<String> values) implements Operation {}

    record AddEnumValue(QualifiedName type, String value, boolean positioned, Token at) implements Operation {}

    /** SET, SET LOCAL, or SELECT set_config(name, value, is_local). */
    record SetParameter(String parameter, String value, boolean local, Token at) implements Operation {}

    /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, SAVEPOINT and friends. */
    record TransactionControl(String command) implements Operation {}

    record CreateTrigger(String name, QualifiedName table, QualifiedName function) implements Operation {}

    /** CREATE, ALTER or DROP POLICY: catalog-only, but under ACCESS EXCLUSIVE on the table (PostgreSQL 17). */
    record PolicyChange(String command, QualifiedName table) implements Operation {}

    record Delete(QualifiedName table) implements Operation {}

    record Update(QualifiedName table, boolean hasWhere) implements Operation {}

    record Insert(QualifiedName table) implements Operation {}

    /** VACUUM FULL, CLUSTER, REFRESH MATERIALIZED VIEW, LOCK TABLE: statements that hold a table whole. */
    record LockTable(String command, QualifiedName table, boolean concurrently) implements Operation {}

    record Other(String command) implements Operation {}

    /** One action of an ALTER TABLE. */
    sealed interface AlterAction {

        Token at();
    }

    record AddColumn(ColumnDefinition column, Token at) implements AlterAction {}

    record DropColumn(String column, Token at) implements AlterAction {}

    record AlterColumnType(String column, TypeName type, boolean using, boolean collate, Token at)
            implements AlterAction {}

    record SetDefault(String column, List<Token> expression, Token at) implements AlterAction {}

    record DropDefault(String column, Token at) implements AlterAction {}

    record SetNotNull(String column, Token at) implements AlterAction {}

    record DropNotNull(String column, Token at) implements AlterAction {}

    record AddConstraint(ConstraintDefinition constraint, Token at) implements AlterAction {}

    record ValidateConstraint(String name, Token at) implements AlterAction {}

    record DropConstraint(String name, Token at) implements AlterAction {}

    record RenameColumn(String from, String to, Token at) implements AlterAction {}

    record RenameTable(String to, Token at) implements AlterAction {}

    record RenameConstraint(String from, String to, Token at) implements AlterAction {}

    /** Any other action (SET (...), OWNER TO, ENABLE TRIGGER, ATTACH PARTITION, MODIFY from MySQL...). */
    record OtherAction(String words, Token at) implements AlterAction {}
}
