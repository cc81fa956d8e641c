package org.coprogram.notification.preference;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * One-click unsubscribe (RFC 8058), without signing in: the mail client POSTs {@code List-Unsubscribe=One-Click} to
 * the link of the {@code List-Unsubscribe} header; a person who opens the link gets a page that asks before changing
 * anything (a GET never unsubscribes: mail scanners follow links). The token is the proof.
 */
@Cancellable(false)
@Path("/api/notifications/unsubscribe")
@Tag(name = "Notifiche", description = "Cosa seguo, le mie notifiche e come ricevere le e-mail")
public class UnsubscribeResource {

    private static final String FORGED = "Il link per annullare l'iscrizione non è valido: usa quello dell'ultima e-mail ricevuta";

    private final UnsubscribeTokens tokens;
    private final PreferenceRepository preferences;
    private final AuditTrail audit;
    private final Clock clock;
    private final Template page;

    public UnsubscribeResource(UnsubscribeTokens tokens, PreferenceRepository preferences, AuditTrail audit,
            Clock clock, @Location("unsubscribe.html") Template page) {
        this.tokens = tokens;
        this.preferences = preferences;
        this.audit = audit;
        this.clock = clock;
        this.page = page;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "showUnsubscribe", summary = "Pagina che chiede conferma prima di annullare l'iscrizione alle e-mail")
    public String confirm(@QueryParam("token") String token) {
        tokens.verify(token).orElseThrow(() -> ProblemException.forbidden(FORGED));
        return page.data("token", token).data("done", false).render();
    }

    @POST
    @PermitAll
    @WithTransaction
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "unsubscribe", summary = "Annulla l'iscrizione alle e-mail con un clic (RFC 8058), senza accesso")
    public Uni<String> unsubscribe(@QueryParam("token") String token) {
        String account = tokens.verify(token).orElseThrow(() -> ProblemException.forbidden(FORGED));
        return preferences.set(account, EmailMode.NONE, OffsetDateTime.now(clock))
                .chain(() -> audit.record(account, "unsubscribe", "account", account, EmailMode.NONE.name()))
                .map(ignored -> page.data("token", token).data("done", true).render());
    }
}
