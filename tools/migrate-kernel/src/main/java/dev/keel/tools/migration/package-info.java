/**
 * The migration files on disk (versioned, undo, naming), the git helper, and the model checklist's
 * template.
 */
@NullMarked
package dev.keel.tools.migration;

import org.jspecify.annotations.NullMarked;
