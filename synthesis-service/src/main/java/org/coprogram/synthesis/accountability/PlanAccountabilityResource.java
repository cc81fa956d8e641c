package org.coprogram.synthesis.accountability;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.coprogram.synthesis.plan.PlanResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/** The region-level view of a plan's adopted (or latest published) version, for everybody. */
@Cancellable(false)
@Path("/api/plans/{planId}/accountability")
@Tag(name = "Rendicontazione", description = "Avanzamento pubblico degli interventi e del piano adottato")
@Produces(MediaType.APPLICATION_JSON)
public class PlanAccountabilityResource {

    private final AccountabilityService service;

    public PlanAccountabilityResource(AccountabilityService service) {
        this.service = service;
    }

    @GET
    @PermitAll
    @Operation(operationId = "getPlanAccountability", summary = "Il piano adottato (o l'ultima versione pubblicata)"
            + " per la rendicontazione: risorse per fonte e anno al centesimo, interventi per area con l'avanzamento"
            + " dei loro indicatori; 404 finché nessuna versione è pubblicata")
    public Uni<AccountabilityViews.PlanAccountability> accountability(@PathParam("planId") String planId) {
        return service.accountability(PlanResource.parseId(planId));
    }
}
