package org.coprogram.notification.export;

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
import org.coprogram.notification.export.NotificationExportRows.MyFollow;
import org.coprogram.notification.export.NotificationExportRows.MyMail;
import org.coprogram.notification.export.NotificationExportRows.MyNotification;
import org.coprogram.notification.export.NotificationExportRows.MyPreference;
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
 * notification-service's part of the caller's data export (GDPR art. 15/20, docs/privacy.md "Esportazione dei dati"):
 * follows, the e-mail preference, notifications and the mails sent or waiting, streamed a keyset page at a time.
 */
@Path("/api/me/export")
@Tag(name = "I miei dati", description = "Esportazione dei dati personali di chi chiama (GDPR art. 15 e 20)")
public class NotificationExportResource {

    private final NotificationExportRepository rows;
    private final Caller caller;
    private final ObjectMapper json;

    public NotificationExportResource(NotificationExportRepository rows, Caller caller, ObjectMapper json) {
        this.rows = rows;
        this.caller = caller;
        this.json = json;
    }

    @GET
    @Path("notifications")
    @RolesAllowed(Caller.PERSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportMyNotificationData", summary = "I miei dati in notification-service: cose seguite, preferenza e-mail, notifiche ed e-mail inviate, in streaming")
    @APIResponse(responseCode = "200", description = "Un oggetto JSON: service, account e gli array follows, preferences, notifications, mails", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(name = "NotificationServicePersonalData", type = SchemaType.OBJECT)))
    public Multi<Buffer> export() {
        String account = caller.accountId();
        Map<String, Object> header = PersonalDataStream.header("notification-service", account);
        List<Section<?>> sections = List.of(
                Section.<MyFollow>of("follows", after -> rows.follows(account, after, PersonalDataStream.PAGE_SIZE)),
                new Section<MyPreference>("preferences", 1, after -> rows.preference(account, after)),
                Section.<MyNotification>of("notifications",
                        after -> rows.notifications(account, after, PersonalDataStream.PAGE_SIZE)),
                Section.<MyMail>of("mails", after -> rows.mails(account, after, PersonalDataStream.PAGE_SIZE)));
        return PersonalDataStream.response(json, header, sections);
    }
}
