package dev.keel.tools.devservices.issuer;

import java.net.URI;

/**
 * Where a token issuer is and how a development client asks it for tokens.
 *
 * @param issuer       the {@code iss} of its tokens; discovery is under {@code /.well-known/} there
 * @param audience     the {@code aud} of its tokens: the API they are for
 * @param clientId     a client it knows
 * @param clientSecret that client's secret
 */
public record IssuerEndpoint(URI issuer, String audience, String clientId, String clientSecret) {

    public URI tokenEndpoint() {
        return URI.create(issuer + "/oauth2/token");
    }

    public URI jwkSetUri() {
        return URI.create(issuer + "/oauth2/jwks");
    }
}
