/**
 * The development token issuer: OAuth2 client credentials, discovery and JWKS on 127.0.0.1, keys kept in the data
 * directory, so {@code make run} serves a secured API with no account anywhere.
 */
@NullMarked
package dev.keel.tools.devservices.issuer;

import org.jspecify.annotations.NullMarked;
