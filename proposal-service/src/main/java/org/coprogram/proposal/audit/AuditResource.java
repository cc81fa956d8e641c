package org.coprogram.proposal.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.coprogram.common.audit.AuditEntry;
import org.coprogram.common.audit.AuditRepository;
import org.coprogram.common.http.PathIds;
import org.coprogram.common.identity.Caller;
import org.coprogram.common.planview.PlanViews;
import org.coprogram.common.problem.ProblemException;
import org.coprogram.proposal.proposal.ProposalRepository;
import org.coprogram.proposal.proposal.Viewer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@Cancellable(false)
@Path("/api")
@Tag(name = "Registro delle attività", description = "Il registro delle attività su una proposta")
public class AuditResource {

    private final ProposalRepository proposals;
    private final Caller caller;
    private final PlanViews plans;
    private final AuditRepository trail;

    public AuditResource(ProposalRepository proposals, Caller caller, PlanViews plans, AuditRepository trail) {
        this.plans = plans;
        this.trail = trail;
        this.proposals = proposals;
        this.caller = caller;
    }

    @GET
    @Path("proposals/{id}/audit")
    @RolesAllowed(Caller.REGION_STAFF)
    @WithSession
    @Operation(operationId = "getProposalAudit", summary = "Chi ha fatto cosa e quando su una proposta (autore, moderatori, Regione)")
    public Uni<List<Entry>> proposal(@PathParam("id") String id) {
        UUID proposalId = PathIds.parse(id, "Proposta non trovata");
        return proposals.findById(proposalId).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("Proposta non trovata"))
                .flatMap(proposal -> plans.find(proposal.planId).map(plan -> {
                    // A proposal the caller may not see does not exist for them, as everywhere else: a 403 here
                    // would tell another region's staff that a hidden proposal exists.
                    if (plan == null || !Viewer.of(caller).canSee(proposal, plan.region)) {
                        throw ProblemException.notFound("Proposta non trovata");
                    }
                    return plan;
                })).flatMap(plan -> {
                    // The trail names accounts: only the staff of the region that runs the plan may read it.
                    caller.require(caller.isRegionStaffOf(plan.region),
                            "Solo il personale della Regione del piano legge il registro");
                    return trail.ofTarget("proposal", proposalId.toString());
                }).map(entries -> entries.stream().map(Entry::of).toList());
    }

    /** {@code actor} is the account id (or the service, for automatic actions): staff-only data. */
    public record Entry(OffsetDateTime occurredAt, String actor, String action, String details) {

        static Entry of(AuditEntry entry) {
            return new Entry(entry.occurredAt, entry.actor, entry.action, entry.details);
        }
    }
}
