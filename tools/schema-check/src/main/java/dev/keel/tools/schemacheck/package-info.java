/**
 * Build-time checks of the schema the migrations produce: every MyBatis statement (of this release
 * and of the release still running during a deploy) prepared and run against it, and every domain
 * table held to the model checklist. Tooling for tests and the check-schema mode, never a bean on
 * the request path.
 */
@NullMarked
package dev.keel.tools.schemacheck;

import org.jspecify.annotations.NullMarked;
