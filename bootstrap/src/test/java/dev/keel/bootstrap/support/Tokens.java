package dev.keel.bootstrap.support;

import dev.keel.tools.devservices.test.TestServices;

/** Bearer tokens from the test JVM's issuer, for the tests that exercise the API rather than its security. */
public final class Tokens {

    /** Every scope the API has: the widgets' and the health details'. */
    public static final String ALL_SCOPES = TestServices.bearer("widgets:read", "widgets:write", "actuator:read");

    private Tokens() {}
}
