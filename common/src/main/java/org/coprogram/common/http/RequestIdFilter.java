package org.coprogram.common.http;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Carries the gateway's {@code X-Request-Id} (or a new one) into the logs and back to the caller. */
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @ServerRequestFilter(preMatching = true)
    public void assignRequestId(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id == null || !SAFE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        request.setProperty(HEADER, id);
        MDC.put("requestId", id);
    }

    @ServerResponseFilter
    public void echoRequestId(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(HEADER);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }
}
