package org.coprogram.synthesis.plan;

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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.Created;
import org.coprogram.common.http.PathIds;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api/plans")
@Tag(name = "Piani", description = "I piani sociali regionali e le loro fasi")
public class PlanResource {

    @Inject
    IdempotentCreates creates;

    private final PlanService service;
    private final Caller caller;

    public PlanResource(PlanService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Operation(operationId = "listPlans", summary = "Elenco dei piani")
    public Uni<Page<PlanView>> list(@QueryParam("region") String region, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.list(region, PageRequest.of(page, size));
    }

    @GET
    @Path("{planId}")
    @PermitAll
    @Operation(operationId = "getPlan", summary = "Un piano, con fase e aree di intervento")
    public Uni<PlanView> get(@PathParam("planId") String planId) {
        return service.find(parseId(planId)).map(PlanView::of);
    }

    @POST
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "createPlan", summary = "Crea un piano (personale regionale)")
    @APIResponse(responseCode = "201", description = "Il piano creato; Location è il suo indirizzo", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanView.class)))
    public Uni<Response> create(
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewPlan.class), examples = @ExampleObject(name = "esempio", summary = "Piano sociale regionale della Puglia", value = "{\"region\": \"puglia\", \"title\": \"Piano sociale regionale 2027-2029\", \"periodStart\": \"2027-01-01\", \"periodEnd\": \"2029-12-31\", \"themes\": [{\"code\": \"anziani\", \"label\": \"Anziani e non autosufficienza\"}, {\"code\": \"poverta\", \"label\": \"Povertà e inclusione\"}], \"leps\": [\"dimissioni-protette\"]}"))) @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewPlan body) {
        caller.require(caller.isRegionStaffOf(body.region()), "Puoi creare piani solo per la tua regione");
        String actor = caller.accountId();
        return creates.create("plan.create", idempotencyKey, List.of(body),
                () -> service.create(body, actor).map(plan -> Created.at("/api/plans/" + plan.id, PlanView.of(plan))));
    }

    @POST
    @Path("{planId}/phase")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "changePlanPhase", summary = "Porta il piano alla fase successiva (personale regionale)")
    public Uni<PlanView> changePhase(@PathParam("planId") String planId,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") PhaseChange body) {
        return service.changePhase(parseId(planId), body.phase(), new PlanAccess(caller))
                .map(PlanView::of);
    }

    @POST
    @Path("{planId}/adoption")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "adoptPlan", summary = "Registra la delibera di Giunta che adotta il piano; il piano passa al monitoraggio")
    public Uni<PlanView> adopt(@PathParam("planId") String planId,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") Adoption body) {
        return service.adopt(parseId(planId), body, new PlanAccess(caller)).map(PlanView::of);
    }

    public static UUID parseId(String id) {
        return PathIds.parse(id, "Piano non trovato");
    }
}
