package dev.keel.bootstrap.web.error;

import dev.keel.bootstrap.observability.TraceIds;
import io.micrometer.tracing.Tracer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every problem detail Spring MVC writes (the advice's and the error controller's) names the request's trace in
 * {@code traceId}, so an error a user reports leads to its trace and its log lines.
 */
@ControllerAdvice
class TracedProblems implements ResponseBodyAdvice<Object> {

    static final String PROPERTY = "traceId";

    private final TraceIds traceIds;

    TracedProblems(ObjectProvider<Tracer> tracer) {
        this.traceIds = new TraceIds(tracer);
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            traceIds.current().ifPresent(traceId -> {
                // A copy: the properties may be an immutable map (Map.of) of whoever built the problem.
                Map<String, Object> properties = new LinkedHashMap<>();
                if (problem.getProperties() != null) {
                    properties.putAll(problem.getProperties());
                }
                properties.put(PROPERTY, traceId);
                problem.setProperties(properties);
            });
        }
        return body;
    }
}
