/**
 * The API's contract kept across releases: the committed OpenAPI document compared with the one of
 * the previous release (the newest {@code v*} tag this commit builds on), each breaking change
 * named, deliberate ones accepted in docs/api-breaks.md with a reason. The comparison is
 * openapi-diff's; run by make check-api (make verify), never part of the application.
 */
@NullMarked
package dev.keel.tools.apicontract;

import org.jspecify.annotations.NullMarked;
