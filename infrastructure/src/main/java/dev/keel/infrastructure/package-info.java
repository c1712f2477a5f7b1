/** Adapters that implement the domain's ports with real technology. */
@NullMarked
package dev.keel.infrastructure;

import org.jspecify.annotations.NullMarked;
