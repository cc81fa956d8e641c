package org.coprogram.notification.preference;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The caller's own e-mail preference. */
@Cancellable(false)
@Path("/api/me/notification-preferences")
@Tag(name = "Notifiche", description = "Cosa seguo, le mie notifiche e come ricevere le e-mail")
public class PreferenceResource {

    private final PreferenceRepository preferences;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock;

    public PreferenceResource(PreferenceRepository preferences, AuditTrail audit, Caller caller, Clock clock) {
        this.preferences = preferences;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "getMyNotificationPreferences", summary = "Come ricevo le e-mail: subito, un riepilogo al giorno o mai")
    public Uni<PreferenceView> read() {
        return preferences.of(caller.accountId()).map(PreferenceView::new);
    }

    @PUT
    @RolesAllowed(Caller.PERSON)
    @WithTransaction
    @Operation(operationId = "setMyNotificationPreferences", summary = "Sceglie come ricevere le e-mail (IMMEDIATE, DAILY_DIGEST, NONE)")
    public Uni<PreferenceView> write(
            @Valid @NotNull(message = "il corpo della richiesta è obbligatorio") PreferenceView body) {
        return preferences.set(caller.accountId(), body.email(), OffsetDateTime.now(clock))
                .chain(() -> audit.record(caller.accountId(), "notification-preference", "account", caller.accountId(),
                        body.email().name()))
                .replaceWith(body);
    }
}
