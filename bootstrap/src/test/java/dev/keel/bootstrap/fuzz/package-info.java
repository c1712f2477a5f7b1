/**
 * A seeded, bounded fuzz test of the HTTP API: operations derived from the OpenAPI document the
 * application serves, valid ones mixed with malformed input, sent over real sockets, with
 * invariants checked on every answer (see docs/testing.md).
 */
@NullMarked
package dev.keel.bootstrap.fuzz;

import org.jspecify.annotations.NullMarked;
