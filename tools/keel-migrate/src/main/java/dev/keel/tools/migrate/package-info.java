/**
 * keel-migrate's command line: one picocli command per make target, printing what the engines below
 * report.
 */
@NullMarked
package dev.keel.tools.migrate;

import org.jspecify.annotations.NullMarked;
