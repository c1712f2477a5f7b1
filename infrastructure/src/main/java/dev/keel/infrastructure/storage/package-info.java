/** Object storage adapters. */
@NullMarked
package dev.keel.infrastructure.storage;

import org.jspecify.annotations.NullMarked;
