package org.coprogram.synthesis.monitoring;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.Created;
import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api/plans/{planId}/indicators")
@Tag(name = "Monitoraggio")
public class IndicatorResource {

    private final IndicatorService service;
    private final Caller caller;

    public IndicatorResource(IndicatorService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(summary = "Indicatori di monitoraggio del piano, con l'avanzamento per ambito e regionale")
    public Uni<List<IndicatorView>> list(@PathParam("planId") String planId) {
        return service.list(PlanResource.parseId(planId));
    }

    @GET
    @Path("{indicatorId}")
    @PermitAll
    @Operation(summary = "Un indicatore con l'avanzamento per ambito")
    public Uni<IndicatorView> get(@PathParam("planId") String planId, @PathParam("indicatorId") String indicatorId) {
        return service.get(PlanResource.parseId(planId), indicatorId(indicatorId));
    }

    @POST
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(summary = "Definisce un indicatore (personale regionale)")
    public Uni<Response> define(@PathParam("planId") String planId,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewIndicator body) {
        return service.define(PlanResource.parseId(planId), body, new PlanAccess(caller))
                .map(view -> Created.at("/api/plans/" + planId + "/indicators/" + view.id(), view));
    }

    @PUT
    @Path("{indicatorId}/values/{districtCode}/{period}")
    @RolesAllowed({Caller.DISTRICT_OPERATOR, Caller.REGION_STAFF})
    @Operation(summary = "Registra il valore misurato di un ambito per un periodo (operatori dell'ambito o Regione)")
    public Uni<IndicatorView> measure(@PathParam("planId") String planId, @PathParam("indicatorId") String indicatorId,
            @PathParam("districtCode") String districtCode, @PathParam("period") String period,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") MeasuredValue body) {
        return service.measure(PlanResource.parseId(planId), indicatorId(indicatorId), districtCode, period, body,
                new PlanAccess(caller));
    }

    private static UUID indicatorId(String id) {
        return PathIds.parse(id, "Indicatore non trovato");
    }
}
