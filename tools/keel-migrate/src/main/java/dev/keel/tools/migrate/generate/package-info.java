/**
 * make migrate-create's engine: the difference between two {@link dev.keel.tools.migrate.schema.DeclaredSchema}
 * values as typed changes ({@link dev.keel.tools.migrate.generate.SchemaDiff}), and the migration files that
 * make it safely on a live database, with their undo computed by the same diff the other way
 * ({@link dev.keel.tools.migrate.generate.Generator}).
 */
@NullMarked
package dev.keel.tools.migrate.generate;

import org.jspecify.annotations.NullMarked;
