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
     * The indexes on the altered column (as a key, in an expression or in the predicate) that have
     * an expression or a WHERE predicate: PostgreSQL's CheckIndexCompatible does not judge those,
     * so a type change that keeps the table still rebuilds them. Indexes on the plain column,
     * unique ones too, are kept.
     */
    EXPRESSION_OR_PREDICATE
}
