/** The runnable application and its one-shot migrate mode for deploy jobs. */
@NullMarked
package dev.keel.bootstrap;

import org.jspecify.annotations.NullMarked;
