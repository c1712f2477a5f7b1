/**
 * Faults the application must survive, each on real servers the test stops and starts: a
 * PostgreSQL restart under load, S3 down during an upload, a client stalling mid-upload.
 */
@NullMarked
package dev.keel.bootstrap.web.widget.faults;

import org.jspecify.annotations.NullMarked;
