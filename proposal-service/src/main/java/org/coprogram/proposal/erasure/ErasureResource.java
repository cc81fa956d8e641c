package org.coprogram.proposal.erasure;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.identity.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * The person's right to erasure (GDPR art. 17). The account comes only from the token: no parameter names a person, so
 * nobody can erase someone else.
 */
@Cancellable(false)
@Path("/api/me/erasure")
@Tag(name = "I miei dati", description = "Diritti sui dati personali: cancellazione (GDPR art. 17)")
public class ErasureResource {

    private final ErasureService service;
    private final Caller caller;

    public ErasureResource(ErasureService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "requestErasure", summary = "Chiedo la cancellazione dei miei dati: ogni servizio dimentica il mio account; una richiesta in corso è la stessa")
    public Uni<Response> request(ErasureRequest body) {
        return service.request(caller.accountId(), body)
                .map(view -> Response.status(Response.Status.ACCEPTED).entity(view).build());
    }

    @GET
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "myErasure", summary = "La mia ultima richiesta di cancellazione, con lo stato di ogni servizio")
    public Uni<ErasureView> latest() {
        return service.latest(caller.accountId());
    }
}
