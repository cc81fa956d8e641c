package org.coprogram.meeting.minutes;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api")
@Tag(name = "Verbali", description = "I verbali degli incontri")
public class MinutesResource {

    private final MinutesService service;
    private final Caller caller;

    public MinutesResource(MinutesService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @PUT
    @Path("meetings/{id}/minutes")
    @RolesAllowed({Caller.REGION_STAFF, Caller.DISTRICT_OPERATOR})
    @Operation(operationId = "saveMinutes", summary = "Scrive la bozza del verbale: sintesi, presenze, contributi (chi organizza)")
    public Uni<MinutesView> save(@PathParam("id") String id,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") MinutesContent body) {
        return service.save(PathIds.parse(id, "Incontro non trovato"), body, caller);
    }

    @POST
    @Path("meetings/{id}/minutes/publish")
    @RolesAllowed({Caller.REGION_STAFF, Caller.DISTRICT_OPERATOR})
    @Operation(operationId = "publishMinutes", summary = "Pubblica il verbale: i contributi passano alla sintesi (chi organizza)")
    public Uni<MinutesView> publish(@PathParam("id") String id) {
        return service.publish(PathIds.parse(id, "Incontro non trovato"), caller);
    }

    @GET
    @Path("meetings/{id}/minutes")
    @PermitAll
    @Operation(operationId = "getMinutes", summary = "Il verbale pubblicato (la bozza solo per chi organizza)")
    public Uni<MinutesView> read(@PathParam("id") String id) {
        return service.read(PathIds.parse(id, "Incontro non trovato"), caller);
    }
}
