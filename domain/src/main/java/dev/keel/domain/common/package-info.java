/** Conventions every aggregate shares: ids, soft-deletable persistence, keyset pages, domain failures. */
@NullMarked
package dev.keel.domain.common;

import org.jspecify.annotations.NullMarked;
