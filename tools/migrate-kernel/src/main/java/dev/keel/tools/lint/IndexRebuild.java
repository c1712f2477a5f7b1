package dev.keel.tools.lint;

/** Which of a table's existing indexes a statement writes anew (their relfilenode changes). */
enum IndexRebuild {
    NONE,
    /** Every index of the table: a rewrite, CLUSTER, VACUUM FULL, REINDEX TABLE, TRUNCATE. */
    ALL,
    /** The index the statement names: REINDEX INDEX. */
    NAMED,
    /** Every index on the altered column, plain ones too: a collation change. */
    ON_COLUMN,
    /**
     * The indexes whose expression or WHERE predicate mentions the altered column; indexes on the
     * plain column are kept (PostgreSQL's CheckIndexCompatible), so a type change that keeps the
     * table still rebuilds these.
     */
    EXPRESSION_OR_PREDICATE
}
