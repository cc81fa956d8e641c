package org.coprogram.meeting.participation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * meeting-service's part of "La mia partecipazione" (docs/dialogue-participation.md): the caller's registrations with
 * their codes, never anyone else's (the account comes from the token, no parameter names a person).
 */
@Cancellable(false)
@Path("/api/me")
@Tag(name = "La mia partecipazione", description = "Quello che la persona ha fatto sulla piattaforma, solo per lei")
public class MyRegistrationsResource {

    private final MyRegistrationRepository registrations;
    private final Caller caller;

    public MyRegistrationsResource(MyRegistrationRepository registrations, Caller caller) {
        this.registrations = registrations;
        this.caller = caller;
    }

    @GET
    @Path("registrations")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "listMyRegistrations", summary = "Le mie iscrizioni agli incontri, con il codice da mostrare all'ingresso, le più recenti per prime")
    public Uni<Page<MyRegistration>> registrations(@QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        return registrations.of(caller.accountId(), PageRequest.of(page, size));
    }
}
