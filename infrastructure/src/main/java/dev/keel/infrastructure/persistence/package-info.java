/** PostgreSQL adapters on MyBatis, and the transaction port on Spring's transaction manager. */
@NullMarked
package dev.keel.infrastructure.persistence;

import org.jspecify.annotations.NullMarked;
