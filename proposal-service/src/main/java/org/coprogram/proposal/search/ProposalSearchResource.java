package org.coprogram.proposal.search;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.coprogram.common.text.ItalianText;
import org.coprogram.proposal.proposal.ProposalView;
import org.coprogram.proposal.proposal.Viewer;
import org.coprogram.proposal.search.ProposalFilter.Facet;
import org.coprogram.proposal.search.ProposalSearch.FacetCount;
import org.coprogram.proposal.search.ProposalSearch.SimilarProposal;
import org.coprogram.proposal.support.SupportMarks;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api")
@Tag(name = "Proposte", description = "Proposte, idee e segnalazioni dei partecipanti")
public class ProposalSearchResource {

    static final int MIN_SIMILAR_TEXT = 3;
    static final int MAX_SIMILAR_TEXT = 2000;
    static final int MAX_SIMILAR_RESULTS = 20;

    private final ProposalSearch search;
    private final ItalianText italian;
    private final Caller caller;
    private final SupportMarks marks;

    public ProposalSearchResource(ProposalSearch search, ItalianText italian, Caller caller, SupportMarks marks) {
        this.marks = marks;
        this.search = search;
        this.italian = italian;
        this.caller = caller;
    }

    @GET
    @Path("plans/{planId}/proposals")
    @PermitAll
    @Operation(operationId = "listProposals", summary = "Elenco pubblico delle proposte di un piano: ricerca, filtri, ordinamento e paginazione")
    public Uni<Page<ProposalView>> list(@PathParam("planId") String planId, @BeanParam ListParameters parameters,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        ProposalFilter filter = ProposalFilter.of(plan(planId), parameters.asMap(), italian);
        Viewer viewer = Viewer.of(caller);
        return viewer.equals(Viewer.PUBLIC)
                ? search.publicList(filter, PageRequest.of(page, size))
                : search.list(filter, PageRequest.of(page, size), viewer)
                        .flatMap(found -> marks.markPage(found, caller));
    }

    @GET
    @Path("plans/{planId}/proposals/facets")
    @PermitAll
    @Operation(operationId = "getProposalFacets", summary = "Conteggi per area, tipo, categoria, stato, provincia e ambito, per il pannello dei filtri")
    public Uni<Map<Facet, List<FacetCount>>> facets(@PathParam("planId") String planId,
            @BeanParam ListParameters parameters) {
        ProposalFilter filter = ProposalFilter.of(plan(planId), parameters.asMap(), italian);
        return search.facets(filter, Viewer.of(caller));
    }

    @GET
    @Path("plans/{planId}/proposals/similar")
    @PermitAll
    @Operation(operationId = "listSimilarProposals", summary = "Proposte simili a un testo in scrittura, per aderire invece di duplicare")
    public Uni<List<SimilarProposal>> similar(@PathParam("planId") String planId, @QueryParam("text") String text,
            @QueryParam("limit") Integer limit) {
        UUID id = plan(planId);
        if (text == null || text.strip().length() < MIN_SIMILAR_TEXT || text.length() > MAX_SIMILAR_TEXT) {
            throw ProblemException.badRequest("Testo non valido", List.of(new Violation("text",
                    "il testo deve avere tra " + MIN_SIMILAR_TEXT + " e " + MAX_SIMILAR_TEXT + " caratteri")));
        }
        int n = limit == null ? 5 : limit;
        if (n < 1 || n > MAX_SIMILAR_RESULTS) {
            throw ProblemException.badRequest("Limite non valido",
                    List.of(new Violation("limit", "deve essere compreso tra 1 e " + MAX_SIMILAR_RESULTS)));
        }
        return search.similar(id, text, n);
    }

    private static UUID plan(String planId) {
        return PathIds.parse(planId, "Piano non trovato");
    }
}
