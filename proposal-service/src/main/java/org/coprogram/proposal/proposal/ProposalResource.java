package org.coprogram.proposal.proposal;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.Created;
import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;

@Path("/api")
@Tag(name = "Proposte")
public class ProposalResource {

    private final ProposalService service;
    private final Caller caller;
    private final Pseudonymizer pseudonymizer;

    public ProposalResource(ProposalService service, Caller caller, Pseudonymizer pseudonymizer) {
        this.service = service;
        this.caller = caller;
        this.pseudonymizer = pseudonymizer;
    }

    @POST
    @Path("plans/{planId}/proposals")
    @RolesAllowed({Caller.CITIZEN, Caller.ORGANIZATION_REP, Caller.DISTRICT_OPERATOR, Caller.MODERATOR,
            Caller.REGION_STAFF})
    @Operation(summary = "Invia una proposta, un'idea o una segnalazione (solo in fase di consultazione)")
    public Uni<Response> submit(@PathParam("planId") String planId,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") NewProposal body) {
        Author author = new Author(caller.accountId(), pseudonymizer.of(caller.accountId()),
                caller.stakeholderCategory(), caller.organization());
        return service.submit(PathIds.parse(planId, "Piano non trovato"), body, author)
                .map(proposal -> Created.at("/api/proposals/" + proposal.id, ProposalView.of(proposal)));
    }

    @GET
    @Path("plans/{planId}/proposals")
    @PermitAll
    @Operation(summary = "Elenco pubblico delle proposte di un piano, con filtri e paginazione")
    public Uni<Page<ProposalView>> list(@PathParam("planId") String planId, @QueryParam("theme") String theme,
            @QueryParam("municipality") String municipality, @QueryParam("district") String district,
            @QueryParam("province") String province, @QueryParam("category") String category,
            @QueryParam("kind") String kind, @QueryParam("status") String status, @QueryParam("sort") String sort,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        ProposalFilter filter = ProposalFilter.of(PathIds.parse(planId, "Piano non trovato"), theme, municipality,
                district,
                province, category, kind, status, sort);
        return service.list(filter, PageRequest.of(page, size));
    }

    @GET
    @Path("proposals/{id}")
    @PermitAll
    @Operation(summary = "Una proposta")
    public Uni<ProposalView> get(@PathParam("id") String id) {
        return service.find(PathIds.parse(id, "Proposta non trovata")).map(ProposalView::of);
    }

}
