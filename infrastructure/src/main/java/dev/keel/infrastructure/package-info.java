/** Adapters that implement the domain's ports with real technology. */
package dev.keel.infrastructure;
