package org.coprogram.proposal.proposal;

import java.util.Optional;

import org.coprogram.common.identity.Caller;

/**
 * Who is reading: hidden proposals are shown to their own author, and to the staff (region staff and moderators) of
 * the region that runs the plan only. {@code staffRegion} is that region, when the caller is staff of one.
 */
public record Viewer(Optional<String> accountId, Optional<String> staffRegion) {

    public static final Viewer PUBLIC = new Viewer(Optional.empty(), Optional.empty());

    public static Viewer account(String accountId) {
        return new Viewer(Optional.of(accountId), Optional.empty());
    }

    public static Viewer of(Caller caller) {
        if (caller.isAnonymous()) {
            return PUBLIC;
        }
        return new Viewer(Optional.of(caller.accountId()), caller.staffRegion());
    }

    public boolean isStaffOf(String region) {
        return staffRegion.map(staff -> staff.equals(region)).orElse(false);
    }

    /** Whether the viewer sees {@code proposal} of a plan run by {@code planRegion}. */
    public boolean canSee(Proposal proposal, String planRegion) {
        return proposal.visibility == Visibility.VISIBLE || isStaffOf(planRegion)
                || accountId.map(proposal::isAuthoredBy).orElse(false);
    }
}
