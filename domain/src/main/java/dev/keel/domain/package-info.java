/**
 * The domain ring: entities, value objects and the ports they need, in plain Java. Nothing here
 * knows Spring, MyBatis, AWS or SQL; the architecture tests hold that line.
 */
package dev.keel.domain;
