/** The development database's chores: per-branch databases, seeds, wipes, psql and the doctor. */
@NullMarked
package dev.keel.tools.migrate.devdb;

import org.jspecify.annotations.NullMarked;
