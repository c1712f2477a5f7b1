/** The S3 adapter of the object storage port. */
package dev.keel.infrastructure.storage.s3;
