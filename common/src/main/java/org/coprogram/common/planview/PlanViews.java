package org.coprogram.common.planview;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.coprogram.common.problem.ProblemException;
import org.coprogram.contracts.Phase;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.mutiny.Uni;

/**
 * The one set of rules on a service's {@link PlanView}: an unknown plan is 404; a plan in the wrong phase is 409 (the
 * request is well formed, the plan's state refuses it). The lookups read through {@link PlanViewRepository}; call them
 * within a Hibernate Reactive session. The checks on a plan already read are static and pure.
 */
@ApplicationScoped
public class PlanViews {

    private final PlanViewRepository plans;
    private final CurrentPlanViewRepository rows;
    private final Cache<UUID, PlanView> held = Caffeine.newBuilder().maximumSize(1_000).build();

    public PlanViews(PlanViewRepository plans, CurrentPlanViewRepository rows) {
        this.plans = plans;
        this.rows = rows;
    }

    /**
     * The plan's view as the database holds it now, or null if this service has not heard of the plan; outside any
     * Hibernate session. A copy is kept per plan, and each call asks the database in one small query whether the row
     * is still that copy's ({@code updated_at} moves with every change), so the copy is never stale, and the JSON of
     * its themes and districts is parsed once per change instead of once per request. The copy is shared: read it,
     * never change it. For the single-statement writes, which check the same {@code updated_at} again under their lock.
     */
    public Uni<PlanView> current(UUID planId) {
        PlanView copy = held.getIfPresent(planId);
        return rows.read(planId, copy == null ? null : copy.updatedAt).map(read -> {
            if (read instanceof CurrentPlanViewRepository.Changed changed) {
                held.put(planId, changed.plan());
                return changed.plan();
            }
            if (read instanceof CurrentPlanViewRepository.Unchanged) {
                return copy;
            }
            held.invalidate(planId);
            return null;
        });
    }

    /** The plan's view, or null if this service has not heard of the plan. */
    public Uni<PlanView> find(UUID planId) {
        return plans.findById(planId);
    }

    public Uni<PlanView> require(UUID planId) {
        return find(planId).map(PlanViews::requireKnown);
    }

    /** Contributions (proposals, supports, surveys, responses) are accepted only while the plan is in consultation. */
    public Uni<PlanView> requireConsultation(UUID planId) {
        return find(planId).map(PlanViews::requireConsultation);
    }

    public Uni<PlanView> requireNotClosed(UUID planId) {
        return find(planId).map(PlanViews::requireNotClosed);
    }

    public static PlanView requireKnown(PlanView plan) {
        if (plan == null) {
            throw ProblemException.notFound("Piano non trovato");
        }
        return plan;
    }

    public static PlanView requireConsultation(PlanView plan) {
        requireKnown(plan);
        if (plan.phase != Phase.CONSULTATION) {
            throw ProblemException.conflict(
                    "Il piano non è in fase di consultazione (fase attuale: " + plan.phase
                            + "): non accetta contributi");
        }
        return plan;
    }

    public static PlanView requireNotClosed(PlanView plan) {
        requireKnown(plan);
        if (plan.phase == Phase.CLOSED) {
            throw ProblemException.conflict("Il piano è chiuso");
        }
        return plan;
    }
}
