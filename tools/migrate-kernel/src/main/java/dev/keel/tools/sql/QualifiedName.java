package dev.keel.tools.sql;

/** A possibly schema-qualified object name, folded as PostgreSQL folds it; schema is null when unqualified. */
public record QualifiedName(String schema, String name, Token at) {

    /** The key objects are tracked by: unqualified names and public ones are the same object. */
    public String key() {
        return schema == null || schema.equals("public") ? name : schema + "." + name;
    }

    @Override
    public String toString() {
        return key();
    }
}
