package org.coprogram.meeting.meeting;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
import org.coprogram.common.http.PathIds;
import org.coprogram.common.idempotency.IdempotencyKey;
import org.coprogram.common.idempotency.IdempotentCreates;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.Page;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.common.problem.Violation;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api")
@Tag(name = "Incontri", description = "Gli incontri pubblici di un piano")
public class MeetingResource {

    @Inject
    IdempotentCreates creates;

    private final MeetingService service;
    private final MeetingCalendar calendar;
    private final Caller caller;

    public MeetingResource(MeetingService service, MeetingCalendar calendar, Caller caller) {
        this.service = service;
        this.calendar = calendar;
        this.caller = caller;
    }

    @POST
    @Path("plans/{planId}/meetings")
    @RolesAllowed({Caller.REGION_STAFF, Caller.DISTRICT_OPERATOR})
    @Operation(operationId = "scheduleMeeting", summary = "Programma un incontro (Regione ovunque, ambito nel proprio territorio)")
    @APIResponse(responseCode = "201", description = "L'incontro programmato; Location è il suo indirizzo", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeetingView.class)))
    public Uni<Response> schedule(@PathParam("planId") String planId,
            @Parameter(name = IdempotencyKey.HEADER, in = ParameterIn.HEADER, description = IdempotencyKey.DESCRIPTION) @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeetingRequest.class), examples = @ExampleObject(name = "esempio", summary = "Un tavolo dell'ambito di Bari", value = "{\"type\": \"TERRITORIAL\", \"title\": \"Tavolo dell'ambito di Bari\", \"description\": \"Incontro sul piano sociale di zona.\", \"themes\": [\"anziani\"], \"municipality\": \"072006\", \"address\": \"Via Sparano 1\", \"startsAt\": \"2027-04-01T17:00:00+02:00\", \"endsAt\": \"2027-04-01T19:00:00+02:00\", \"capacity\": 30}"))) @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") MeetingRequest body) {
        UUID plan = PathIds.parse(planId, "Piano non trovato");
        return creates.create("meeting.schedule", idempotencyKey, List.of(plan, body),
                () -> service.schedule(plan, body, caller)
                        .map(meeting -> Created.at("/api/meetings/" + meeting.id, MeetingView.of(meeting))));
    }

    @GET
    @Path("plans/{planId}/meetings")
    @PermitAll
    @Operation(operationId = "listMeetings", summary = "Incontri di un piano, per territorio, periodo e area di intervento")
    public Uni<Page<MeetingView>> list(@PathParam("planId") String planId, @QueryParam("province") String province,
            @QueryParam("district") String district, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("theme") String theme, @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return service.list(PathIds.parse(planId, "Piano non trovato"), blankToNull(province), blankToNull(district),
                time("from", from), time("to", to), blankToNull(theme), PageRequest.of(page, size));
    }

    @GET
    @Path("meetings/{id}")
    @PermitAll
    @Operation(operationId = "getMeeting", summary = "Un incontro")
    public Uni<MeetingView> get(@PathParam("id") String id) {
        return service.find(PathIds.parse(id, "Incontro non trovato")).map(MeetingView::of);
    }

    @GET
    @Path("meetings/{id}/calendar.ics")
    @PermitAll
    @Produces("text/calendar")
    @Operation(operationId = "getMeetingCalendar", summary = "L'incontro in formato iCalendar, da aggiungere al proprio calendario")
    public Uni<Response> calendar(@PathParam("id") String id) {
        return service.find(PathIds.parse(id, "Incontro non trovato")).map(meeting -> Response
                .ok(calendar.ics(meeting), "text/calendar; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"incontro-" + meeting.id + ".ics\"").build());
    }

    @PUT
    @Path("meetings/{id}")
    @RolesAllowed({Caller.REGION_STAFF, Caller.DISTRICT_OPERATOR})
    @Operation(operationId = "updateMeeting", summary = "Modifica un incontro (chi lo organizza)")
    public Uni<MeetingView> update(@PathParam("id") String id,
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") MeetingRequest body) {
        return service.update(PathIds.parse(id, "Incontro non trovato"), body, caller).map(MeetingView::of);
    }

    @POST
    @Path("meetings/{id}/cancel")
    @RolesAllowed({Caller.REGION_STAFF, Caller.DISTRICT_OPERATOR})
    @Operation(operationId = "cancelMeeting", summary = "Annulla un incontro (chi lo organizza); gli iscritti ne sono informati")
    public Uni<MeetingView> cancel(@PathParam("id") String id) {
        return service.cancel(PathIds.parse(id, "Incontro non trovato"), caller).map(MeetingView::of);
    }

    private static OffsetDateTime time(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("Filtri non validi",
                    List.of(new Violation(field, "data e ora ISO-8601 con fuso, es. 2026-05-01T00:00:00+02:00")));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
