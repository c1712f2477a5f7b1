/** S3Proxy as a child process with a filesystem store, and bucket creation. */
@NullMarked
package dev.keel.tools.devservices.s3;

import org.jspecify.annotations.NullMarked;
