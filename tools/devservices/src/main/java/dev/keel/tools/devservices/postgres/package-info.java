/** Embedded PostgreSQL 17 from zonky's binaries under pg_ctl, also for root (user namespace or nobody). */
@NullMarked
package dev.keel.tools.devservices.postgres;

import org.jspecify.annotations.NullMarked;
