/**
 * The migration safety rules: findings with file, line, rule, why and the safe alternative, and
 * their output formats.
 */
@NullMarked
package dev.keel.tools.lint;

import org.jspecify.annotations.NullMarked;
