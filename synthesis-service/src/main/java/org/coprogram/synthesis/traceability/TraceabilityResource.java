package org.coprogram.synthesis.traceability;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.Created;
import org.coprogram.common.http.PathIds;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.synthesis.plan.PlanAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * Traceability (docs/plan-document.md, "Traceability"): links from contributions to the plan's measures, written by
 * region staff of the plan's region; what became of a proposal and the contributions behind a measure, for everybody;
 * the plan's links as open data.
 */
@Cancellable(false)
@Path("/api")
@Tag(name = "Tracciabilità", description = "Collegamenti tra contributi e interventi del piano, \"che fine ha fatto\" una proposta, i contributi dietro un intervento")
@Produces(MediaType.APPLICATION_JSON)
public class TraceabilityResource {

    @Inject
    IdempotentCreates creates;

    private final TraceabilityService service;
    private final Caller caller;

    public TraceabilityResource(TraceabilityService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Path("measures/{measureId}/links")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "linkContributionToMeasure", summary = "Collega un contributo (proposta, domanda di"
            + " questionario, contributo di verbale, voce di relazione sociale) o un intero gruppo della sintesi a un"
            + " intervento, con esito e motivazione pubblica (personale della Regione del piano; non dopo"
            + " l'adozione). Non cambia la risposta ufficiale alla proposta")
    public Uni<Response> link(@PathParam("measureId") String measureId,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            TraceViews.MeasureLinkRequest body) {
        UUID measure = measure(measureId);
        return creates.create("measure.link", idempotencyKey, java.util.Arrays.asList(measure, body),
                () -> service.link(measure, body, new PlanAccess(caller)).map(TraceabilityResource::created));
    }

    @POST
    @Path("measures/{measureId}/links/bulk")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "linkContributionsToMeasure", summary = "Collega a un intervento fino a 500 contributi"
            + " (ad esempio un elenco filtrato) con lo stesso esito e la stessa motivazione: tutti o nessuno"
            + " (personale della Regione del piano; non dopo l'adozione)")
    public Uni<Response> linkAll(@PathParam("measureId") String measureId,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            TraceViews.MeasureLinkBulkRequest body) {
        UUID measure = measure(measureId);
        return creates.create("measure.link-bulk", idempotencyKey, java.util.Arrays.asList(measure, body),
                () -> service.linkAll(measure, body, new PlanAccess(caller)).map(TraceabilityResource::created));
    }

    @PATCH
    @Path("measure-links/{linkId}")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "changeMeasureLink", summary = "Cambia l'esito o la motivazione di un collegamento"
            + " (personale della Regione del piano; non dopo l'adozione)")
    public Uni<TraceViews.MeasureLinkView> change(@PathParam("linkId") String linkId,
            TraceViews.MeasureLinkChange body) {
        return service.change(PathIds.parse(linkId, "Collegamento non trovato"), body, new PlanAccess(caller));
    }

    @DELETE
    @Path("measure-links/{linkId}")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "removeMeasureLink", summary = "Toglie un collegamento (personale della Regione del"
            + " piano; non dopo l'adozione)")
    public Uni<Response> remove(@PathParam("linkId") String linkId) {
        return service.remove(PathIds.parse(linkId, "Collegamento non trovato"), new PlanAccess(caller))
                .map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("proposals/{id}/fate")
    @PermitAll
    @Operation(operationId = "getProposalFate", summary = "Che fine ha fatto una proposta: gli interventi che ha"
            + " alimentato, con esito e motivazione, in quali versioni pubblicate e se il piano è stato adottato con"
            + " essi")
    public Uni<TraceViews.ProposalFate> fate(@PathParam("id") String proposalId) {
        return service.fate(PathIds.parse(proposalId, "Proposta non trovata"));
    }

    @GET
    @Path("measures/{measureId}")
    @PermitAll
    @Operation(operationId = "getMeasure", summary = "Un intervento del piano: il testo in ogni versione pubblicata,"
            + " i contributi che lo hanno alimentato contati per territorio e categoria, e il loro elenco a pagine"
            + " (la pagina seguente con after = linked.next, a qualsiasi profondità)")
    public Uni<TraceViews.MeasurePage> measure(@PathParam("measureId") String measureId,
            @Parameter(description = "Numero di pagina dei contributi collegati (da 0); ignorato con after") @QueryParam("page") Integer page,
            @QueryParam("size") Integer size,
            @Parameter(description = "Cursore della pagina seguente: il valore linked.next della pagina precedente") @QueryParam("after") String after) {
        PageRequest request = PageRequest.of(page, size);
        return service.measure(measure(measureId), after, request.page(), request.size());
    }

    private static UUID measure(String measureId) {
        return PathIds.parse(measureId, "Intervento non trovato");
    }

    /** A single link is at its own address; a cluster's or a list's links at the measure's. */
    private static Response created(TraceViews.MeasureLinkBatch batch) {
        List<TraceViews.MeasureLinkView> links = batch.links();
        return Created.at(links.size() == 1
                ? "/api/measure-links/" + links.get(0).id()
                : "/api/measures/" + batch.measureId(), batch);
    }
}
