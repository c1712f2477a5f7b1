/**
 * The domain ring: entities, value objects and the ports they need, in plain Java. Nothing here
 * knows Spring, MyBatis, AWS or SQL; the architecture tests hold that line.
 */
@NullMarked
package dev.keel.domain;

import org.jspecify.annotations.NullMarked;
