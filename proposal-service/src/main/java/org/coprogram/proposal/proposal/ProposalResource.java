package org.coprogram.proposal.proposal;

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
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.proposal.support.SupportMarks;
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
@Tag(name = "Proposte", description = "Proposte, idee e segnalazioni dei partecipanti")
public class ProposalResource {

    @Inject
    IdempotentCreates creates;

    static final String NOT_FOUND = "Proposta non trovata";

    private final ProposalService service;
    private final Caller caller;
    private final Pseudonymizer pseudonymizer;
    private final SupportMarks marks;

    public ProposalResource(ProposalService service, Caller caller, Pseudonymizer pseudonymizer,
            SupportMarks marks) {
        this.marks = marks;
        this.service = service;
        this.caller = caller;
        this.pseudonymizer = pseudonymizer;
    }

    @POST
    @Path("plans/{planId}/proposals")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "submitProposal", summary = "Invia una proposta, un'idea o una segnalazione (solo in fase di consultazione)")
    @APIResponse(responseCode = "201", description = "La proposta inviata; Location è il suo indirizzo", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProposalView.class)))
    public Uni<Response> submit(@PathParam("planId") String planId,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewProposal.class), examples = @ExampleObject(name = "esempio", summary = "Una proposta di un cittadino di Bari", value = "{\"kind\": \"PROPOSAL\", \"title\": \"Trasporto sociale per le visite mediche\", \"theme\": \"anziani\", \"municipality\": \"072006\", \"body\": \"Un servizio di trasporto sociale per accompagnare gli anziani soli alle visite mediche.\"}"))) @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewProposal body) {
        UUID plan = PathIds.parse(planId, "Piano non trovato");
        Author author = author();
        return creates.create("proposal.submit", idempotencyKey, List.of(plan, body),
                () -> (idempotencyKey == null
                        ? service.submitAtOnce(plan, body, author)
                        : service.submit(plan, body, author))
                        .map(proposal -> Created.at("/api/proposals/" + proposal.id,
                                ProposalView.of(proposal).withSupportedByMe(false))));
    }

    @GET
    @Path("proposals/{id}")
    @PermitAll
    @Operation(operationId = "getProposal", summary = "Una proposta, con la risposta della Regione e le proposte accorpate in essa")
    public Uni<ProposalView> get(@PathParam("id") String id) {
        return service.detail(PathIds.parse(id, NOT_FOUND), Viewer.of(caller))
                .flatMap(view -> marks.mark(view, caller));
    }

    @PUT
    @Path("proposals/{id}")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "editProposal", summary = "L'autore modifica la proposta, entro il tempo previsto e prima di ogni adesione")
    public Uni<ProposalView> edit(@PathParam("id") String id,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewProposal body) {
        return service.edit(PathIds.parse(id, NOT_FOUND), body, author()).map(ProposalView::of)
                .flatMap(view -> marks.mark(view, caller));
    }

    @POST
    @Path("proposals/{id}/withdrawal")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "withdrawProposal", summary = "L'autore ritira la proposta, finché non ha ricevuto risposta")
    public Uni<ProposalView> withdraw(@PathParam("id") String id) {
        return service.withdraw(PathIds.parse(id, NOT_FOUND), caller.accountId()).map(ProposalView::of)
                .flatMap(view -> marks.mark(view, caller));
    }

    private Author author() {
        return new Author(caller.accountId(), pseudonymizer.of(caller.accountId()), caller.stakeholderCategory(),
                caller.organization());
    }
}
