package org.coprogram.synthesis.report;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every HTML page this service answers is the synthesis report ({@code GET /api/plans/{planId}/synthesis/report}) or
 * the adopted plan ({@code GET /api/plans/{planId}/document}), both on the report's stylesheet:
 * it goes out with the report's strict Content-Security-Policy. The gateway sets the portal's policy only outside
 * {@code /api}, so this is the one the report gets.
 */
public class ReportHeaders {

    private final ReportRenderer renderer;

    public ReportHeaders(ReportRenderer renderer) {
        this.renderer = renderer;
    }

    @ServerResponseFilter
    public void contentSecurityPolicy(ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && !type.isWildcardType() && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            response.getHeaders().putSingle("Content-Security-Policy", renderer.contentSecurityPolicy());
        }
    }
}
