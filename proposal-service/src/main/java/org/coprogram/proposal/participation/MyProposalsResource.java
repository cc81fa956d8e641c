package org.coprogram.proposal.participation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.proposal.proposal.ProposalView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * proposal-service's part of "La mia partecipazione" (docs/dialogue-participation.md): the caller's own proposals,
 * supports and comments, never anyone else's (the account comes from the token, no parameter names a person).
 */
@Cancellable(false)
@Path("/api/me")
@Tag(name = "La mia partecipazione", description = "Quello che la persona ha fatto sulla piattaforma, solo per lei")
public class MyProposalsResource {

    private final MyProposals mine;
    private final Caller caller;

    public MyProposalsResource(MyProposals mine, Caller caller) {
        this.mine = mine;
        this.caller = caller;
    }

    @GET
    @Path("proposals")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "listMyProposals", summary = "Le mie proposte, con il loro stato e la risposta della Regione, le più recenti per prime")
    public Uni<Page<ProposalView>> proposals(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return mine.proposals(caller, PageRequest.of(page, size));
    }

    @GET
    @Path("supports")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "listMySupports", summary = "Le proposte a cui ho aderito, l'adesione più recente per prima")
    public Uni<Page<ProposalView>> supports(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return mine.supports(caller, PageRequest.of(page, size));
    }

    @GET
    @Path("comments")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "listMyComments", summary = "I miei commenti, anche quelli nascosti dalla moderazione o eliminati, i più recenti per primi")
    public Uni<Page<MyComment>> comments(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return mine.comments(caller, PageRequest.of(page, size));
    }
}
