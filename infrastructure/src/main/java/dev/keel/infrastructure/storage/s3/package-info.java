/** The S3 adapter of the object storage port. */
@NullMarked
package dev.keel.infrastructure.storage.s3;

import org.jspecify.annotations.NullMarked;
