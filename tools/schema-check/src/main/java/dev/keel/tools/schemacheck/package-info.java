/**
 * Build-time checks of the schema the migrations produce: every MyBatis statement (of this release
 * and of the release still running during a deploy) prepared and run against it, and every domain
 * table held to the model checklist. Run by keel-migrate schema-check (make migrate-check) and by
 * the application's own tests; never part of the application.
 */
@NullMarked
package dev.keel.tools.schemacheck;

import org.jspecify.annotations.NullMarked;
