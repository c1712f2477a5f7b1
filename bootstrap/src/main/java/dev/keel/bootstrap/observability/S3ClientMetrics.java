package dev.keel.bootstrap.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times every S3 call as {@code s3.client.requests}, tagged with the operation (PutObject, HeadBucket...) and the
 * outcome (the HTTP status, or the exception when none came): the SDK's own metrics need a publisher of their own,
 * this puts them beside the HTTP and pool metrics Spring Boot already has.
 */
public final class S3ClientMetrics implements ExecutionInterceptor {

    static final String NAME = "s3.client.requests";
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("keel.s3.started");

    private final MeterRegistry registry;

    public S3ClientMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, String.valueOf(context.httpResponse().statusCode()));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, context.exception().getClass().getSimpleName());
    }

    private void record(ExecutionAttributes attributes, String outcome) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Timer.builder(NAME)
                .description("Calls to S3, by operation and outcome")
                .tag("operation", operation == null ? "unknown" : operation)
                .tag("outcome", outcome)
                .register(registry)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
