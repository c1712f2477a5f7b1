/** Flyway as Keel runs it: status, up, undo scripts, history, backups, and the production guard. */
@NullMarked
package dev.keel.tools.migrate.flyway;

import org.jspecify.annotations.NullMarked;
