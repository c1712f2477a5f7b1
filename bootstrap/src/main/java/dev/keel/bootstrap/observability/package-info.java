/**
 * What the process tells operators: the trace id on every answer and problem detail, one log line per request,
 * S3 client metrics; traces and metrics leave over OTLP when an endpoint is set (docs/observability.md).
 */
@NullMarked
package dev.keel.bootstrap.observability;

import org.jspecify.annotations.NullMarked;
