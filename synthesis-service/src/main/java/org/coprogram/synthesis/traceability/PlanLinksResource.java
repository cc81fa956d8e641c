package org.coprogram.synthesis.traceability;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.coprogram.synthesis.plan.PlanResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * The plan's links as open data (docs/plan-document.md, "Traceability"). A class of its own: under {@code /api/plans}
 * a request is matched to the plans' resource class first, so this path must be at least as literal as that one.
 */
@Cancellable(false)
@Path("/api/plans/{planId}/links.csv")
@Tag(name = "Tracciabilità")
public class PlanLinksResource {

    static final String CSV = "text/csv";

    private final TraceabilityService service;

    public PlanLinksResource(TraceabilityService service) {
        this.service = service;
    }

    @GET
    @PermitAll
    @Produces(CSV)
    @Operation(operationId = "getPlanLinksCsv", summary = "Dati aperti: i collegamenti tra contributi pubblici e"
            + " interventi pubblicati del piano, in CSV con colonne documentate e identificativi stabili")
    public Uni<Response> linksCsv(@PathParam("planId") String planId) {
        UUID plan = PlanResource.parseId(planId);
        return service.openLinks(plan).map(rows -> Response.ok(LinksCsv.of(rows), CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"collegamenti-" + plan + ".csv\"").build());
    }

}
