package org.coprogram.synthesis.plandocument;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.Created;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanResource;
import org.coprogram.synthesis.synthesis.AdoptedPlanDocument;
import org.coprogram.synthesis.synthesis.SynthesisResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * The plan's document (docs/plan-document.md): its draft for region staff of the plan's region, its published
 * versions and the differences between two of them for everybody, and once adopted the accessible HTML/PDF of the
 * adopted plan (docs/open-data.md, {@link AdoptedPlanDocument}).
 */
@Cancellable(false)
@Path("/api/plans/{planId}/document")
@Tag(name = "Documento del piano", description = "Sezioni, interventi e risorse del piano: bozza, versioni pubblicate, differenze, piano adottato")
@Produces(MediaType.APPLICATION_JSON)
public class PlanDocumentResource {

    @Inject
    IdempotentCreates creates;

    private final PlanDocumentService service;
    private final AdoptedPlanDocument adopted;
    private final Caller caller;

    public PlanDocumentResource(PlanDocumentService service, AdoptedPlanDocument adopted, Caller caller) {
        this.service = service;
        this.adopted = adopted;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Produces({MediaType.TEXT_HTML, SynthesisResource.PDF})
    @Operation(operationId = "getAdoptedPlanDocument", summary = "Il piano adottato come documento accessibile (HTML,"
            + " PDF/UA con format=pdf); 404 finché non è adottato")
    public Uni<Response> adopted(@PathParam("planId") String planId, @QueryParam("format") String format) {
        return adopted.document(planId, format);
    }

    @GET
    @Path("draft")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "getPlanDocumentDraft", summary = "La bozza del documento del piano, con la revisione su"
            + " cui scrivere e i totali delle risorse (personale della Regione del piano)")
    public Uni<DocumentViews.DocumentDraft> draft(@PathParam("planId") String planId) {
        return service.draft(PlanResource.parseId(planId), new PlanAccess(caller));
    }

    @PUT
    @Path("draft")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "writePlanDocumentDraft", summary = "Riscrive la bozza del documento del piano: sezioni e"
            + " interventi con le loro risorse. Va indicata la revisione letta: se intanto è cambiata, 409 (personale"
            + " della Regione del piano; non dopo l'adozione)")
    public Uni<DocumentViews.DocumentDraft> writeDraft(@PathParam("planId") String planId,
            DocumentViews.DocumentDraftWrite body) {
        return service.writeDraft(PlanResource.parseId(planId), body, new PlanAccess(caller));
    }

    @POST
    @Path("versions")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "publishPlanDocumentVersion", summary = "Pubblica la bozza come nuova versione del"
            + " documento, che da allora non cambia ed è pubblica (personale della Regione del piano; non dopo"
            + " l'adozione)")
    public Uni<Response> publish(@PathParam("planId") String planId,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            DocumentViews.DocumentPublication body) {
        UUID plan = PlanResource.parseId(planId);
        return creates.create("plan-document.publish", idempotencyKey, java.util.Arrays.asList(plan, body),
                () -> service.publish(plan, body, new PlanAccess(caller)).map(summary -> Created
                        .at("/api/plans/" + plan + "/document/versions/" + summary.version(), summary)));
    }

    @GET
    @Path("versions")
    @PermitAll
    @Operation(operationId = "listPlanDocumentVersions", summary = "Le versioni pubblicate del documento del piano,"
            + " dalla più recente; l'ultima di un piano adottato è quella adottata")
    public Uni<Page<DocumentViews.DocumentVersionSummary>> versions(@PathParam("planId") String planId,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.versions(PlanResource.parseId(planId), PageRequest.of(page, size));
    }

    @GET
    @Path("versions/{version}")
    @PermitAll
    @Operation(operationId = "getPlanDocumentVersion", summary = "Una versione pubblicata del documento del piano, con"
            + " i totali delle risorse per fonte e anno")
    public Uni<DocumentViews.DocumentVersion> version(@PathParam("planId") String planId,
            @PathParam("version") String version) {
        int number = number(version);
        if (number < 1) {
            throw ProblemException.notFound("Versione del documento non trovata");
        }
        return service.version(PlanResource.parseId(planId), number);
    }

    @GET
    @Path("diff")
    @PermitAll
    @Operation(operationId = "diffPlanDocumentVersions", summary = "Che cosa cambia tra due versioni pubblicate del"
            + " documento, per sezione e per intervento")
    public Uni<DocumentDiff> diff(@PathParam("planId") String planId,
            @Parameter(description = "La versione di partenza", required = true) @QueryParam("from") String from,
            @Parameter(description = "La versione di arrivo", required = true) @QueryParam("to") String to) {
        int a = number(from);
        int b = number(to);
        if (a < 1) {
            throw ProblemException.invalidField("from", "numero di versione obbligatorio, da 1");
        }
        if (b < 1) {
            throw ProblemException.invalidField("to", "numero di versione obbligatorio, da 1");
        }
        return service.diff(PlanResource.parseId(planId), a, b);
    }

    /** A version number, or 0 for anything that is not one. */
    private static int number(String text) {
        if (text == null || !text.matches("[0-9]{1,6}")) {
            return 0;
        }
        return Integer.parseInt(text);
    }
}
