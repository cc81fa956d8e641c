package org.coprogram.meeting.registration;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.coprogram.contracts.StakeholderCategory;
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
@Tag(name = "Iscrizioni agli incontri", description = "Iscrizioni, presenze e liste d'attesa degli incontri")
public class RegistrationResource {

    @Inject
    IdempotentCreates creates;

    /** The body of a check-in. */
    public record CheckIn(@NotBlank(message = "il codice è obbligatorio") String code) {
    }

    private final RegistrationService service;
    private final Caller caller;
    private final Pseudonymizer pseudonymizer;

    public RegistrationResource(RegistrationService service, Caller caller, Pseudonymizer pseudonymizer) {
        this.service = service;
        this.caller = caller;
        this.pseudonymizer = pseudonymizer;
    }

    @POST
    @Path("meetings/{id}/registrations")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "registerForMeeting", summary = "Iscriviti: CONFIRMED finché ci sono posti, poi WAITLISTED con la posizione in lista d'attesa")
    @APIResponse(responseCode = "201", description = "L'iscrizione registrata", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistrationView.class)))
    @APIResponse(responseCode = "200", description = "Eri già iscritto", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegistrationView.class)))
    public Uni<Response> register(@PathParam("id") String id,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
        RegistrationService.Person person = new RegistrationService.Person(caller.accountId(),
                pseudonymizer.of(caller.accountId()),
                caller.stakeholderCategory().orElse(StakeholderCategory.CITIZEN).name());
        UUID meeting = meetingId(id);
        // Without a key, IdempotentCreates runs the create as it is, outside any transaction: the one-statement
        // registration can be used. With one, the key is claimed in a Hibernate transaction the registration must join.
        return creates.create("meeting.register", idempotencyKey, List.of(meeting),
                () -> (idempotencyKey == null
                        ? service.registerAtOnce(meeting, person)
                        : service.register(meeting, person)).map(
                                outcome -> Response
                                        .status(outcome.created() ? Response.Status.CREATED : Response.Status.OK)
                                        .entity(outcome.view()).build()));
    }

    @GET
    @Path("meetings/{id}/registrations/me")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "getMyRegistration", summary = "La mia iscrizione, con la posizione aggiornata in lista d'attesa")
    public Uni<RegistrationView> mine(@PathParam("id") String id) {
        return service.mine(meetingId(id), caller.accountId());
    }

    @DELETE
    @Path("meetings/{id}/registrations/me")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "cancelRegistration", summary = "Annulla la mia iscrizione; il posto liberato va al primo in lista d'attesa")
    @APIResponse(responseCode = "204", description = "Iscrizione annullata")
    public Uni<Response> cancel(@PathParam("id") String id) {
        return service.cancel(meetingId(id), caller.accountId()).map(done -> Response.noContent().build());
    }

    @POST
    @Path("meetings/{id}/check-ins")
    @RolesAllowed({Caller.REGION_STAFF, Caller.DISTRICT_OPERATOR})
    @Operation(operationId = "checkInRegistration", summary = "Registra la presenza con il codice di iscrizione (chi organizza)")
    public Uni<RegistrationView> checkIn(@PathParam("id") String id,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") CheckIn body) {
        return service.checkIn(meetingId(id), body.code(), caller);
    }

    @GET
    @Path("meetings/{id}/attendance")
    @RolesAllowed({Caller.REGION_STAFF, Caller.DISTRICT_OPERATOR})
    @Operation(operationId = "getMeetingAttendance", summary = "Presenze per categoria di portatore di interesse (chi organizza)")
    public Uni<RegistrationService.Attendance> attendance(@PathParam("id") String id) {
        return service.attendance(meetingId(id), caller);
    }

    private static UUID meetingId(String id) {
        return PathIds.parse(id, "Incontro non trovato");
    }
}
