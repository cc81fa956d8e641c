package org.coprogram.survey.survey;

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
@Path("/api")
@Tag(name = "Questionari", description = "Questionari del piano: bozze, pubblicazione, risposte, risultati aggregati")
public class SurveyResource {

    @Inject
    IdempotentCreates creates;

    static final String NOT_FOUND = "Questionario non trovato";
    private final SurveyService service;
    private final Caller caller;

    public SurveyResource(SurveyService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("plans/{planId}/surveys")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "createSurvey", summary = "Crea la bozza di un questionario del piano (Regione)")
    @APIResponse(responseCode = "201", description = "La bozza creata; Location è il suo indirizzo", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyView.class)))
    public Uni<Response> create(@PathParam("planId") String planId,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SurveyRequest.class), examples = @ExampleObject(name = "esempio", summary = "Un questionario a scelta singola", value = "{\"title\": \"Servizi per gli anziani\", \"description\": \"Quali servizi mancano nel tuo comune?\", \"anonymous\": false, \"questions\": [{\"id\": \"servizio\", \"type\": \"SINGLE_CHOICE\", \"label\": \"Il servizio più urgente\", \"required\": true, \"options\": [{\"id\": \"trasporto\", \"label\": \"Trasporto sociale\"}, {\"id\": \"domiciliare\", \"label\": \"Assistenza domiciliare\"}]}]}"))) @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") SurveyRequest body) {
        UUID plan = PathIds.parse(planId, "Piano non trovato");
        return creates.create("survey.create", idempotencyKey, List.of(plan, body),
                () -> service.create(plan, body, caller)
                        .map(survey -> Created.at("/api/surveys/" + survey.id, SurveyView.of(survey))));
    }

    @PUT
    @Path("surveys/{id}")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "updateSurvey", summary = "Modifica la bozza di un questionario; dopo la pubblicazione le domande non cambiano")
    public Uni<SurveyView> update(@PathParam("id") String id,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") SurveyRequest body) {
        return service.update(PathIds.parse(id, NOT_FOUND), body, caller).map(SurveyView::of);
    }

    @POST
    @Path("surveys/{id}/publish")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "publishSurvey", summary = "Pubblica il questionario: la versione è congelata e si aprono le risposte")
    public Uni<SurveyView> publish(@PathParam("id") String id) {
        return service.publish(PathIds.parse(id, NOT_FOUND), caller).map(SurveyView::of);
    }

    @POST
    @Path("surveys/{id}/close")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "closeSurvey", summary = "Chiude il questionario: non accetta più risposte")
    public Uni<SurveyView> close(@PathParam("id") String id) {
        return service.close(PathIds.parse(id, NOT_FOUND), caller).map(SurveyView::of);
    }

    @GET
    @Path("plans/{planId}/surveys")
    @PermitAll
    @Operation(operationId = "listSurveys", summary = "Questionari del piano (le bozze solo per la Regione)")
    public Uni<Page<SurveyView>> list(@PathParam("planId") String planId, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return service.list(PathIds.parse(planId, "Piano non trovato"), PageRequest.of(page, size), caller);
    }

    @GET
    @Path("surveys/{id}")
    @PermitAll
    @Operation(operationId = "getSurvey", summary = "Un questionario con le sue domande")
    public Uni<SurveyView> get(@PathParam("id") String id) {
        return service.find(PathIds.parse(id, NOT_FOUND), caller).map(SurveyView::of);
    }
}
