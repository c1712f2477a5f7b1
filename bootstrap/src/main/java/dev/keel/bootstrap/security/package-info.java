/**
 * Who may call the API: an OAuth2 resource server (JWTs from the configured issuer, scopes per resource), its
 * refusals as problem details, and the start-up check that production runs on no development placeholder.
 */
@NullMarked
package dev.keel.bootstrap.security;

import org.jspecify.annotations.NullMarked;
