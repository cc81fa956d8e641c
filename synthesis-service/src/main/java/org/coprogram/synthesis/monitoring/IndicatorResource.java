package org.coprogram.synthesis.monitoring;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.Created;
import org.coprogram.common.http.PathIds;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api/plans/{planId}/indicators")
@Tag(name = "Monitoraggio", description = "Gli indicatori di monitoraggio del piano e i loro valori")
public class IndicatorResource {

    @Inject
    IdempotentCreates creates;

    private final IndicatorService service;
    private final Caller caller;

    public IndicatorResource(IndicatorService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listIndicators", summary = "Indicatori di monitoraggio del piano, con l'avanzamento per ambito e regionale")
    public Uni<List<IndicatorView>> list(@PathParam("planId") String planId) {
        return service.list(PlanResource.parseId(planId));
    }

    @GET
    @Path("{indicatorId}")
    @PermitAll
    @Operation(operationId = "getIndicator", summary = "Un indicatore con l'avanzamento per ambito")
    public Uni<IndicatorView> get(@PathParam("planId") String planId, @PathParam("indicatorId") String indicatorId) {
        return service.get(PlanResource.parseId(planId), indicatorId(indicatorId));
    }

    @POST
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "defineIndicator", summary = "Definisce un indicatore (personale regionale)")
    @APIResponse(responseCode = "201", description = "L'indicatore definito; Location è il suo indirizzo", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IndicatorView.class)))
    public Uni<Response> define(@PathParam("planId") String planId,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewIndicator body) {
        UUID plan = PlanResource.parseId(planId);
        PlanAccess access = new PlanAccess(caller);
        return creates.create("indicator.define", idempotencyKey, List.of(plan, body),
                () -> service.define(plan, body, access)
                        .map(view -> Created.at("/api/plans/" + planId + "/indicators/" + view.id(), view)));
    }

    @PUT
    @Path("{indicatorId}/values/{districtCode}/{period}")
    @RolesAllowed({Caller.DISTRICT_OPERATOR, Caller.REGION_STAFF})
    @Operation(operationId = "recordIndicatorValue", summary = "Registra il valore misurato di un ambito per un periodo (operatori dell'ambito o Regione)")
    @APIResponse(responseCode = "200", description = "L'indicatore con i valori aggiornati", content = @Content(mediaType = "application/json", schema = @Schema(implementation = IndicatorView.class)))
    public Uni<Response> measure(@PathParam("planId") String planId, @PathParam("indicatorId") String indicatorId,
            @PathParam("districtCode") String districtCode, @PathParam("period") String period,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") MeasuredValue body) {
        UUID plan = PlanResource.parseId(planId);
        UUID indicator = indicatorId(indicatorId);
        PlanAccess access = new PlanAccess(caller);
        // A PUT leaves one value whatever the retries, but each one would publish another indicator.measured event.
        return creates.create("indicator.measure", idempotencyKey, List.of(plan, indicator, districtCode, period, body),
                () -> service.measure(plan, indicator, districtCode, period, body, access)
                        .map(view -> Response.ok(view).build()));
    }

    private static UUID indicatorId(String id) {
        return PathIds.parse(id, "Indicatore non trovato");
    }
}
