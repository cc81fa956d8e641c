package org.coprogram.synthesis.clusteredit;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.coprogram.synthesis.plan.PlanAccess;
import org.coprogram.synthesis.plan.PlanResource;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * The region's edits to the clusters of a plan's synthesis (docs/synthesis.md, "Region edits to clusters"). Each
 * edit is made on the clusters that {@code GET .../synthesis/clusters} shows for the same {@code level} and
 * {@code code}, and applies to that view from then on.
 */
@Cancellable(false)
@Path("/api/plans/{planId}/synthesis/clusters/edits")
@Tag(name = "Sintesi", description = "La sintesi della consultazione: gruppi tematici, equità, relazione")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterEditResource {

    @Inject
    IdempotentCreates creates;

    private final ClusterEditService service;
    private final Caller caller;

    public ClusterEditResource(ClusterEditService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "listClusterEdits", summary = "Modifiche della Regione ai gruppi di contributi, con chi e quando le ha fatte e se trovano "
            + "ancora i loro gruppi (personale della Regione del piano)")
    public Uni<List<ClusterEditView>> list(@PathParam("planId") String planId) {
        return service.list(PlanResource.parseId(planId), new PlanAccess(caller));
    }

    @POST
    @Path("rename")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "renameCluster", summary = "Rinomina un gruppo di contributi (personale della Regione del piano; fasi CONSULTATION e "
            + "SYNTHESIS)")
    public Uni<Response> rename(@PathParam("planId") String planId, @QueryParam("level") String level,
            @QueryParam("code") String code,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            EditRequests.ClusterRename body) {
        UUID plan = PlanResource.parseId(planId);
        PlanAccess access = new PlanAccess(caller);
        return creates.create("cluster-edit.rename", idempotencyKey, Arrays.asList(plan, level, code, body),
                () -> service.rename(plan, level, code, body, access).map(view -> created(plan, view)));
    }

    @POST
    @Path("merge")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "mergeClusters", summary = "Unisce due o più gruppi di contributi in uno (personale della Regione del piano; fasi "
            + "CONSULTATION e SYNTHESIS)")
    public Uni<Response> merge(@PathParam("planId") String planId, @QueryParam("level") String level,
            @QueryParam("code") String code,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            EditRequests.ClusterMerge body) {
        UUID plan = PlanResource.parseId(planId);
        PlanAccess access = new PlanAccess(caller);
        return creates.create("cluster-edit.merge", idempotencyKey, Arrays.asList(plan, level, code, body),
                () -> service.merge(plan, level, code, body, access).map(view -> created(plan, view)));
    }

    @POST
    @Path("split")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "splitCluster", summary = "Separa alcuni contributi di un gruppo in un gruppo nuovo (personale della Regione del "
            + "piano; fasi CONSULTATION e SYNTHESIS)")
    public Uni<Response> split(@PathParam("planId") String planId, @QueryParam("level") String level,
            @QueryParam("code") String code,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            EditRequests.ClusterSplit body) {
        UUID plan = PlanResource.parseId(planId);
        PlanAccess access = new PlanAccess(caller);
        return creates.create("cluster-edit.split", idempotencyKey, Arrays.asList(plan, level, code, body),
                () -> service.split(plan, level, code, body, access).map(view -> created(plan, view)));
    }

    @DELETE
    @Path("{editId}")
    @RolesAllowed(Caller.REGION_STAFF)
    @Operation(operationId = "undoClusterEdit", summary = "Annulla una modifica ai gruppi: smette di applicarsi e resta nello storico (personale della "
            + "Regione del piano; fasi CONSULTATION e SYNTHESIS)")
    public Uni<Response> undo(@PathParam("planId") String planId, @PathParam("editId") String editId) {
        UUID plan = PlanResource.parseId(planId);
        UUID edit = PathIds.parse(editId, "Modifica non trovata");
        return service.undo(plan, edit, new PlanAccess(caller)).map(ignored -> Response.noContent().build());
    }

    private static Response created(UUID planId, ClusterEditView view) {
        return Created.at("/api/plans/" + planId + "/synthesis/clusters/edits/" + view.id(), view);
    }
}
