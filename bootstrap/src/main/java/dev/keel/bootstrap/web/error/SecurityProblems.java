package dev.keel.bootstrap.web.error;

import dev.keel.bootstrap.observability.TraceIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.DefaultCorsProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Spring Security's refusals as problem details, with RFC 6750's {@code WWW-Authenticate} as its bearer-token
 * handlers write it: 401 without a valid token, 403 without the scope, and 503 when the issuer's keys cannot be
 * fetched (an outage, not the caller's fault), and 400 for what the firewall refuses. These answers come from the
 * filter chain, before any controller advice could see them.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
    private final JsonMapper json;
    private final TraceIds traceIds;

    public SecurityProblems(JsonMapper json, TraceIds traceIds) {
        this.json = json;
        this.traceIds = traceIds;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof AuthenticationServiceException) {
            response.setHeader("Retry-After", String.valueOf(UnavailableAdvice.RETRY_AFTER.toSeconds()));
            write(
                    request,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemTypes.UNAVAILABLE,
                    "The token issuer cannot be reached to check the token; try again shortly.");
            return;
        }
        bearer.commence(request, response, e);
        boolean sent = request.getHeader("Authorization") != null;
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                ProblemTypes.UNAUTHORIZED,
                sent
                        ? "The bearer token is not valid here: expired, not yet valid, for another audience or issuer, "
                                + "or not signed by the issuer."
                        : "This request needs a bearer token: Authorization: Bearer <token>.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        denied.handle(request, response, e);
        write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                ProblemTypes.FORBIDDEN,
                "The token does not grant the scope this request needs.");
    }

    /** The firewall's refusal of a path before any filter ran (a later one surfaces through the advice). */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        ApiException rejected = ClientFaults.rejected();
        write(request, response, HttpStatus.BAD_REQUEST, rejected.type(), rejected.getMessage());
    }

    /** CORS as Spring does it, but a refused cross-origin request is a 403 problem detail, not a bare text. */
    public CorsProcessor corsProcessor() {
        return new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                        HttpStatus.FORBIDDEN, "This origin may not call the API (keel.cors.allowed-origins).");
                problem.setType(ProblemTypes.FORBIDDEN.type());
                problem.setTitle(ProblemTypes.FORBIDDEN.title());
                traceIds.current().ifPresent(traceId -> problem.setProperty(TracedProblems.PROPERTY, traceId));
                response.setStatusCode(HttpStatus.FORBIDDEN);
                response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                json.writeValue(response.getBody(), problem);
                response.flush();
            }
        };
    }

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            ProblemTypes type,
            String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type.type());
        problem.setTitle(type.title());
        problem.setInstance(Problems.safeInstance(request.getRequestURI()));
        traceIds.current().ifPresent(traceId -> problem.setProperty(TracedProblems.PROPERTY, traceId));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
