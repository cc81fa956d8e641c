package org.coprogram.synthesis.plan;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.coprogram.common.identity.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/** Which territory version a plan uses (docs/territories.md): anyone reads it, region staff of its region move it. */
@Cancellable(false)
@Path("/api/plans/{planId}/territory")
@Tag(name = "Territori", description = "Comuni e ambiti territoriali di una regione, per versione")
@Produces(MediaType.APPLICATION_JSON)
public class PlanTerritoryResource {

    private final PlanService service;
    private final Caller caller;

    public PlanTerritoryResource(PlanService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "getPlanTerritory", summary = "La versione dei territori che il piano usa: quella in"
            + " vigore quando è stato creato, finché il personale regionale non lo sposta")
    public Uni<PlanTerritoryView> get(@PathParam("planId") String planId) {
        return service.territory(PlanResource.parseId(planId));
    }

    @PUT
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "movePlanTerritory", summary = "Sposta il piano su un'altra versione dei territori della"
            + " sua regione (personale della Regione del piano; registrato nel registro delle modifiche). La copertura"
            + " delle relazioni sociali e le cifre di equità seguono la nuova versione")
    public Uni<PlanTerritoryView> move(@PathParam("planId") String planId,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") TerritoryMove body) {
        var id = PlanResource.parseId(planId);
        return service.moveTerritory(id, body.version(), body.note(), new PlanAccess(caller))
                .chain(() -> service.territory(id));
    }
}
