package org.coprogram.notification.follow;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.coprogram.common.audit.AuditTrail;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.personal.PersonalEvents.Reason;
import org.coprogram.common.personal.PersonalEvents.TargetType;
import org.coprogram.common.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** A person's follows: always the caller's own (the account of the token), never another's. */
@Cancellable(false)
@Path("/api/me/follows")
@Tag(name = "Notifiche", description = "Cosa seguo, le mie notifiche e come ricevere le e-mail")
public class FollowResource {

    private static final int MAX_ID_LENGTH = 100;

    private final FollowRepository follows;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock;

    public FollowResource(FollowRepository follows, AuditTrail audit, Caller caller, Clock clock) {
        this.follows = follows;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Caller.PERSON)
    @Operation(operationId = "listMyFollows", summary = "Cosa seguo (proposte, incontri, piani, temi)")
    public Uni<List<FollowView>> list() {
        return follows.of(caller.accountId());
    }

    @PUT
    @Path("{type}/{id}")
    @RolesAllowed(Caller.PERSON)
    @WithTransaction
    @Operation(operationId = "follow", summary = "Inizia a seguire una proposta, un incontro, un piano o un tema (idempotente)")
    public Uni<Response> follow(@PathParam("type") String type, @PathParam("id") String id) {
        TargetType target = target(type);
        String targetId = targetId(id);
        return follows.follow(caller.accountId(), target, targetId, Reason.MANUAL, OffsetDateTime.now(clock))
                .chain(() -> audit.record(caller.accountId(), "follow", target.name(), targetId, null))
                .replaceWith(Response.noContent().build());
    }

    @DELETE
    @Path("{type}/{id}")
    @RolesAllowed(Caller.PERSON)
    @WithTransaction
    @Operation(operationId = "unfollow", summary = "Smette di seguire (idempotente)")
    public Uni<Response> unfollow(@PathParam("type") String type, @PathParam("id") String id) {
        TargetType target = target(type);
        String targetId = targetId(id);
        return follows.unfollow(caller.accountId(), target, targetId)
                .chain(() -> audit.record(caller.accountId(), "unfollow", target.name(), targetId, null))
                .replaceWith(Response.noContent().build());
    }

    private static TargetType target(String type) {
        return TargetType.ofSegment(type).orElseThrow(() -> ProblemException.notFound(
                "Si possono seguire solo proposte, incontri, piani e temi (proposal, meeting, plan, theme)"));
    }

    private static String targetId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH || !id.matches("[A-Za-z0-9._:-]+")) {
            throw ProblemException.notFound("Elemento da seguire non trovato");
        }
        return id;
    }
}
