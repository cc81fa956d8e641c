package org.coprogram.proposal.moderation;

import java.util.List;
import java.util.UUID;

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

import org.coprogram.common.http.PathIds;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.proposal.proposal.ProposalView;
import org.coprogram.proposal.proposal.Viewer;
import org.coprogram.proposal.support.SupportMarks;
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
@Path("/api")
@Tag(name = "Moderazione", description = "Segnalazioni e decisioni dei moderatori")
public class ModerationResource {

    @Inject
    IdempotentCreates creates;

    private final ModerationService service;
    private final Caller caller;
    private final Pseudonymizer pseudonymizer;
    private final SupportMarks marks;

    public ModerationResource(ModerationService service, Caller caller, Pseudonymizer pseudonymizer,
            SupportMarks marks) {
        this.marks = marks;
        this.service = service;
        this.caller = caller;
        this.pseudonymizer = pseudonymizer;
    }

    @POST
    @Path("proposals/{id}/flags")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "flagProposal", summary = "Segnala una proposta ai moderatori (una volta per persona)")
    @APIResponse(responseCode = "201", description = "La segnalazione registrata", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewFlag.class)))
    public Uni<Response> flag(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewFlag body) {
        UUID proposal = PathIds.parse(id, "Proposta non trovata");
        String flagger = pseudonymizer.of(caller.accountId());
        String accountId = caller.accountId();
        Viewer viewer = Viewer.of(caller);
        return creates.create("proposal.flag", idempotencyKey, List.of(proposal, body),
                () -> service.flag(proposal, body, flagger, accountId, viewer)
                        .map(ignored -> Response.status(201).entity(body).build()));
    }

    @POST
    @Path("proposals/{id}/moderation")
    @RolesAllowed(Caller.MODERATOR)
    @Operation(operationId = "moderateProposal", summary = "Decisione del moderatore: nascondere (HIDE) o ripristinare (RESTORE), con una nota")
    public Uni<ProposalView> decide(@PathParam("id") String id,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") ModerationDecision body) {
        return service.decide(PathIds.parse(id, "Proposta non trovata"), body, caller)
                .map(ProposalView::of).flatMap(view -> marks.mark(view, caller));
    }

    @GET
    @Path("plans/{planId}/moderation-queue")
    @RolesAllowed(Caller.MODERATOR)
    @Operation(operationId = "getModerationQueue", summary = "Coda di moderazione: proposte segnalate e non ancora esaminate, o nascoste")
    public Uni<Page<ModerationService.QueueItem>> queue(@PathParam("planId") String planId,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.queue(PathIds.parse(planId, "Piano non trovato"), PageRequest.of(page, size), caller);
    }
}
