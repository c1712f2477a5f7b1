/**
 * The trace: migrations replayed on a scratch PostgreSQL full of rows, with the locks, rewrites and
 * lock hold times of each statement.
 */
@NullMarked
package dev.keel.tools.migrate.trace;

import org.jspecify.annotations.NullMarked;
