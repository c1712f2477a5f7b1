/** Conventions every aggregate shares: ids, soft-deletable persistence, keyset pages, domain failures. */
package dev.keel.domain.common;
