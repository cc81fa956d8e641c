package org.coprogram.synthesis.synthesis;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.coprogram.synthesis.socialreport.Coverage;
import org.coprogram.synthesis.socialreport.SocialReportView;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers that carry unpublished social-report data go out with {@code Cache-Control: private, no-store}: no shared
 * cache (a proxy, the gateway's ingress) may serve them to the next caller, and no browser keeps them on disk after
 * the region's staff or the district's operator has left. They are the reserved views ({@code include=unpublished}:
 * synthesis, clusters, report in every format), a report read before publication, and the coverage of a plan's
 * reports, which says which districts have filed.
 */
public class RestrictedResponses {

    static final String NO_STORE = "private, no-store";

    @ServerResponseFilter
    public void noStore(ContainerRequestContext request, ContainerResponseContext response) {
        if (restricted(request, response.getEntity())) {
            response.getHeaders().putSingle("Cache-Control", NO_STORE);
        }
    }

    static boolean restricted(ContainerRequestContext request, Object entity) {
        if (SynthesisResource.UNPUBLISHED
                .equals(request.getUriInfo().getQueryParameters().getFirst(SynthesisResource.INCLUDE))) {
            return true;
        }
        return entity instanceof SynthesisView view && view.includesUnpublished()
                || entity instanceof SocialReportView report && !report.published() || entity instanceof Coverage;
    }
}
