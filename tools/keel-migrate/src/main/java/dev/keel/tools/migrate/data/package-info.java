/** Generated rows that look like real data, for the trace and the migration test. */
@NullMarked
package dev.keel.tools.migrate.data;

import org.jspecify.annotations.NullMarked;
