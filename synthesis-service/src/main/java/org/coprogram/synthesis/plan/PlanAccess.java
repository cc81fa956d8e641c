package org.coprogram.synthesis.plan;

import org.coprogram.common.identity.Caller;

/** Who may act on a plan, in the terms of {@link Caller}'s policy: region staff of its region, operators of one of its districts. */
public final class PlanAccess {

    private final Caller caller;

    public PlanAccess(Caller caller) {
        this.caller = caller;
    }

    public String actor() {
        return caller.accountId();
    }

    public boolean isRegionStaff(Plan plan) {
        return caller.isRegionStaffOf(plan.region);
    }

    public boolean isDistrictOperator(Plan plan, String districtCode) {
        return caller.isDistrictOperatorOf(plan.region, districtCode);
    }

    public void requireRegionStaff(Plan plan) {
        caller.require(isRegionStaff(plan), "Riservato al personale della Regione del piano");
    }

    public void requireDistrictOperator(Plan plan, String districtCode) {
        caller.require(isDistrictOperator(plan, districtCode), "Riservato agli operatori dell'ambito " + districtCode);
    }

    public void requireRegionStaffOrDistrict(Plan plan, String districtCode) {
        caller.require(isRegionStaff(plan) || isDistrictOperator(plan, districtCode),
                "Riservato alla Regione e agli operatori dell'ambito " + districtCode);
    }
}
