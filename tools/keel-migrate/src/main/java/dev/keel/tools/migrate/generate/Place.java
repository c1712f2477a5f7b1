package dev.keel.tools.migrate.generate;

/**
 * Where a statement goes in its file, in the order of this list: renames first (what follows uses the new names);
 * then what is removed, from the outside in (a comment, the views over a column before the column changes, the
 * triggers before their functions, a sequence released by its column before the column or table goes); then what
 * is made, from the inside out (schemas, types and functions before the tables that use them, columns before
 * their constraints and indexes, views after the tables they read); comments last; and in an undo, the renames
 * back after everything that used the new names.
 */
enum Place {
    TABLE_RENAMED,
    RENAMED,
    ALONE, // the one statement of a non-transactional file
    COMMENT_REMOVED,
    VIEW_DROPPED,
    TRIGGER_DROPPED,
    FOREIGN_KEY_DROPPED,
    CONSTRAINT_DROPPED,
    INDEX_DROPPED,
    SEQUENCE_RELEASED,
    COLUMN_DROPPED,
    TABLE_DROPPED,
    SEQUENCE_DROPPED,
    FUNCTION_DROPPED,
    COMPOSITE_TYPE_DROPPED,
    DOMAIN_DROPPED,
    TYPE_DROPPED,
    EXTENSION_DROPPED,
    SCHEMA_DROPPED,
    SCHEMA_CREATED,
    EXTENSION_CREATED,
    TYPE_CREATED,
    DOMAIN_CREATED,
    COMPOSITE_TYPE_CREATED,
    SEQUENCE_CREATED,
    FUNCTION_CREATED,
    TABLE_CREATED,
    SEQUENCE_OWNED,
    COLUMN_ADDED,
    STORAGE_SET,
    COLUMN_TYPE_CHANGED,
    DEFAULT_SET,
    NOT_NULL_CHANGED,
    CONSTRAINT_ADDED,
    NEW_TABLE_KEY_ADDED,
    INDEX_CREATED,
    VIEW_CREATED,
    VIEW_INDEX_CREATED,
    FUNCTION_ON_RELATIONS_CREATED,
    TRIGGER_CREATED,
    TRIGGER_STATE_SET,
    COMMENT_SET,
    RENAMED_BACK,
    TABLE_RENAMED_BACK
}
