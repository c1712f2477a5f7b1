package dev.keel.bootstrap.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * The id of the trace the current request belongs to, for headers, problem details and logs to agree on. Not a bean
 * of its own: the filters and advice that use it also run in slices (WebMvcTest) without this package's beans.
 */
public final class TraceIds {

    /** The response header naming the request's trace: what a user quotes in an error report. */
    public static final String HEADER = "X-Trace-Id";

    // Looked up on first use, then kept: a lookup through the ObjectProvider on every request was 2.4% of a read's
    // CPU (bench/api's profile).
    private final SingletonSupplier<Tracer> tracer;

    public TraceIds(ObjectProvider<Tracer> tracer) {
        this.tracer = SingletonSupplier.of(tracer::getIfAvailable);
    }

    public Optional<String> current() {
        Tracer available = tracer.get();
        Span span = available == null ? null : available.currentSpan();
        return span == null ? Optional.empty() : Optional.of(span.context().traceId());
    }
}
