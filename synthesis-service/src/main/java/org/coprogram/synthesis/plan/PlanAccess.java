package org.coprogram.synthesis.plan;

import java.util.UUID;

import org.coprogram.common.identity.Caller;
import org.coprogram.common.problem.ProblemException;

import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;

/** Who may act on a plan: region staff of its region, operators of one of its districts. */
public final class PlanAccess {

    private final Caller caller;

    public PlanAccess(Caller caller) {
        this.caller = caller;
    }

    public static Uni<Plan> plan(UUID planId) {
        return Plan.<Plan>findById(planId).map(plan -> {
            if (plan == null) {
                throw ProblemException.notFound("Piano non trovato");
            }
            return plan;
        });
    }

    public String actor() {
        return caller.accountId();
    }

    public boolean isRegionStaff(Plan plan) {
        return !caller.isAnonymous() && caller.hasRole(Caller.REGION_STAFF)
                && caller.region().map(plan.region::equals).orElse(false);
    }

    public boolean isDistrictOperator(Plan plan, String districtCode) {
        return !caller.isAnonymous() && caller.hasRole(Caller.DISTRICT_OPERATOR)
                && caller.district().map(districtCode::equals).orElse(false)
                && caller.region().map(plan.region::equals).orElse(true);
    }

    public void requireRegionStaff(Plan plan) {
        require(isRegionStaff(plan), "Riservato al personale della Regione del piano");
    }

    public void requireDistrictOperator(Plan plan, String districtCode) {
        require(isDistrictOperator(plan, districtCode), "Riservato agli operatori dell'ambito " + districtCode);
    }

    public void requireRegionStaffOrDistrict(Plan plan, String districtCode) {
        require(isRegionStaff(plan) || isDistrictOperator(plan, districtCode),
                "Riservato alla Regione e agli operatori dell'ambito " + districtCode);
    }

    private void require(boolean allowed, String detail) {
        if (caller.isAnonymous()) {
            throw new UnauthorizedException();
        }
        if (!allowed) {
            throw ProblemException.forbidden(detail);
        }
    }
}
