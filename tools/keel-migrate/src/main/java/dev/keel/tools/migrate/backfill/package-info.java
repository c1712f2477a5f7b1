/** Keyset-batched data backfills that resume after an interruption. */
@NullMarked
package dev.keel.tools.migrate.backfill;

import org.jspecify.annotations.NullMarked;
