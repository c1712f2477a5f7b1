/**
 * The OCI image make image builds: opened as a tarball, checked for what must never ship, and started from its
 * unpacked layers with the image's own JVM and C libraries (docs/image.md).
 */
@NullMarked
package dev.keel.bootstrap.image;

import org.jspecify.annotations.NullMarked;
