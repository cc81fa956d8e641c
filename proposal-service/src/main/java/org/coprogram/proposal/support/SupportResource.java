package org.coprogram.proposal.support;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.http.PathIds;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.identity.Pseudonymizer;
import org.coprogram.proposal.proposal.Viewer;
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
@Tag(name = "Adesioni", description = "Le adesioni alle proposte")
public class SupportResource {

    @Inject
    IdempotentCreates creates;

    private final SupportService service;
    private final Caller caller;
    private final Pseudonymizer pseudonymizer;

    public SupportResource(SupportService service, Caller caller, Pseudonymizer pseudonymizer) {
        this.service = service;
        this.caller = caller;
        this.pseudonymizer = pseudonymizer;
    }

    @POST
    @Path("proposals/{id}/supports")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "supportProposal", summary = "Aderisci a una proposta: 201 la prima volta, 200 se avevi già aderito")
    @APIResponse(responseCode = "201", description = "L'adesione registrata", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupportService.SupportState.class)))
    @APIResponse(responseCode = "200", description = "Avevi già aderito", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SupportService.SupportState.class)))
    public Uni<Response> support(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
        UUID proposal = PathIds.parse(id, "Proposta non trovata");
        String supporter = supporter();
        Viewer viewer = Viewer.of(caller);
        // Without a key, IdempotentCreates runs the create as it is, outside any transaction: the one-statement
        // support can be used. With one, the key is claimed in a Hibernate transaction the support must join.
        return creates.create("proposal.support", idempotencyKey, List.of(proposal),
                () -> (idempotencyKey == null
                        ? service.supportAtOnce(proposal, supporter, viewer)
                        : service.support(proposal, supporter, viewer))
                        .map(state -> Response.status(state.changed() ? 201 : 200).entity(state).build()));
    }

    @DELETE
    @Path("proposals/{id}/supports")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "withdrawSupport", summary = "Ritira la tua adesione (nessun effetto se non avevi aderito)")
    public Uni<SupportService.SupportState> withdraw(@PathParam("id") String id) {
        return service.withdraw(PathIds.parse(id, "Proposta non trovata"), supporter(), Viewer.of(caller));
    }

    private String supporter() {
        return pseudonymizer.of(caller.accountId());
    }
}
