/**
 * db/schema.sql: the schema the migrations produce, read from PostgreSQL's catalog into records
 * ({@link dev.keel.tools.migrate.schema.DeclaredSchema}) and written as canonical SQL, one statement per
 * object in a stable order that also runs on an empty database.
 */
@NullMarked
package dev.keel.tools.migrate.schema;

import org.jspecify.annotations.NullMarked;
