/** The object storage port and its value types. */
@NullMarked
package dev.keel.domain.storage;

import org.jspecify.annotations.NullMarked;
