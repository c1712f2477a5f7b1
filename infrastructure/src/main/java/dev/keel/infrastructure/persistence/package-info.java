/** PostgreSQL adapters on MyBatis, and the transaction port on Spring's transaction manager. */
package dev.keel.infrastructure.persistence;
