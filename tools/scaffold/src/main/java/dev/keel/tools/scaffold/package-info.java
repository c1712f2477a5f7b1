/**
 * {@code make new-aggregate}: writes a whole slice of the team's code (domain record and id, repository
 * port, use cases, service, MyBatis adapter, controller, table, tests) from templates that follow the
 * Widget example, into the team's package, all at once or not at all.
 */
@NullMarked
package dev.keel.tools.scaffold;

import org.jspecify.annotations.NullMarked;
