package org.coprogram.meeting.export;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.coprogram.common.export.PersonalDataStream;
import org.coprogram.common.export.PersonalDataStream.Section;
import org.coprogram.common.identity.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * meeting-service's part of the caller's data export (GDPR art. 15/20, docs/privacy.md "Esportazione dei dati"): every
 * registration of the token's account with its code and attendance, streamed a keyset page at a time.
 */
@Path("/api/me/export")
@Tag(name = "I miei dati", description = "Esportazione dei dati personali di chi chiama (GDPR art. 15 e 20)")
public class MeetingExportResource {

    private final MeetingExportRepository rows;
    private final Caller caller;
    private final ObjectMapper json;

    public MeetingExportResource(MeetingExportRepository rows, Caller caller, ObjectMapper json) {
        this.rows = rows;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("meetings")
    @RolesAllowed(Caller.PERSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportMyMeetingData", summary = "I miei dati in meeting-service: le iscrizioni agli incontri con i codici e la presenza, in streaming")
    @APIResponse(responseCode = "200", description = "Un oggetto JSON: service, account e l'array registrations", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(name = "MeetingServicePersonalData", type = SchemaType.OBJECT)))
    public Multi<Buffer> export() {
        String account = caller.accountId();
        Map<String, Object> header = PersonalDataStream.header("meeting-service", account);
        List<Section<?>> sections = List.of(Section.<MyRegistrationData>of("registrations",
                after -> rows.registrations(account, after, PersonalDataStream.PAGE_SIZE)));
        return PersonalDataStream.response(json, header, sections);
    }
}
