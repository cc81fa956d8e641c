package org.coprogram.proposal.answer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.coprogram.proposal.proposal.ProposalView;
import org.coprogram.proposal.support.SupportMarks;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api")
@Tag(name = "Risposte della Regione", description = "Le risposte pubbliche della Regione alle proposte")
public class AnswerResource {

    private final AnswerService service;
    private final Caller caller;
    private final SupportMarks marks;

    public AnswerResource(AnswerService service, Caller caller, SupportMarks marks) {
        this.marks = marks;
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("proposals/{id}/answer")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "answerProposal", summary = "Risposta pubblica della Regione: accolta, accolta in parte, non accolta o accorpata")
    public Uni<ProposalView> answer(@PathParam("id") String id,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") AnswerRequest body) {
        return service.answer(PathIds.parse(id, "Proposta non trovata"), body, caller)
                .map(ProposalView::of).flatMap(view -> marks.mark(view, caller));
    }
}
