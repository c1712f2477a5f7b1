package dev.keel.bootstrap.observability;

import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Inside the request's observation (Spring Boot's filter is at {@code HIGHEST_PRECEDENCE + 1}), before anything can
 * refuse the request: names the trace in the {@value TraceIds#HEADER} header of every answer, errors included, and
 * logs one line per request when it ends (logger {@code dev.keel.requests}, INFO: method, path, status, duration),
 * with the trace id that every log line of the request carries.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestTraceFilter extends OncePerRequestFilter {

    private static final Logger REQUESTS = LoggerFactory.getLogger("dev.keel.requests");

    private final TraceIds traceIds;

    RequestTraceFilter(ObjectProvider<Tracer> tracer) {
        this.traceIds = new TraceIds(tracer);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        traceIds.current().ifPresent(traceId -> response.setHeader(TraceIds.HEADER, traceId));
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (REQUESTS.isInfoEnabled()) {
                REQUESTS.info(
                        "{} {} {} {} ms",
                        request.getMethod(),
                        request.getRequestURI(),
                        response.getStatus(),
                        (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
