package org.coprogram.notification.notification;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.paging.PageRequest;
import org.coprogram.common.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.smallrye.mutiny.Uni;

/**
 * The caller's notification centre. Every query is bound to the token's account: another person's notification is
 * "not found", exactly like one that does not exist.
 */
@Cancellable(false)
@Path("/api/me/notifications")
@Tag(name = "Notifiche", description = "Cosa seguo, le mie notifiche e come ricevere le e-mail")
public class NotificationResource {

    private static final String NOT_FOUND = "Notifica non trovata";

    private final NotificationRepository notifications;
    private final Caller caller;
    private final Clock clock;

    public NotificationResource(NotificationRepository notifications, Caller caller, Clock clock) {
        this.notifications = notifications;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "listMyNotifications", summary = "Le mie notifiche, dalla più recente, con il numero di quelle non lette")
    public Uni<NotificationPage> list(@QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        return notifications.page(caller.accountId(), PageRequest.of(page, size));
    }

    @POST
    @Path("{id}/read")
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "markNotificationRead", summary = "Segna come letta una mia notifica")
    public Uni<NotificationView> read(@PathParam("id") String id) {
        return notifications.markRead(caller.accountId(), PathIds.parse(id, NOT_FOUND), OffsetDateTime.now(clock))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound(NOT_FOUND)));
    }
}
