/** Health contributors beyond Spring Boot's own: the S3 bucket. */
@NullMarked
package dev.keel.bootstrap.health;

import org.jspecify.annotations.NullMarked;
