/**
 * The migration test on data: each migration up on generated rows, then down and up again, with the
 * catalog and rows compared.
 */
@NullMarked
package dev.keel.tools.migrate.proof;

import org.jspecify.annotations.NullMarked;
