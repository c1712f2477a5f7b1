/** TestServices: PostgreSQL 17 and S3 for integration tests, from Docker when it answers, else embedded. */
@NullMarked
package dev.keel.tools.devservices.test;

import org.jspecify.annotations.NullMarked;
