/**
 * HTTP conventions every resource shares: versions as ETags and If-Match, opaque keyset cursors,
 * Link headers. Generic, so a second resource reuses them and deleting the example keeps them.
 */
@NullMarked
package dev.keel.bootstrap.web.common;

import org.jspecify.annotations.NullMarked;
