package org.coprogram.proposal.proposal;

import java.util.Optional;

import org.coprogram.common.identity.Caller;

/** Who is reading: hidden proposals are shown to staff and to their own author only. */
public record Viewer(Optional<String> accountId, boolean staff) {

    public static final Viewer PUBLIC = new Viewer(Optional.empty(), false);
    public static final Viewer STAFF = new Viewer(Optional.empty(), true);

    public static Viewer account(String accountId) {
        return new Viewer(Optional.of(accountId), false);
    }

    public static Viewer of(Caller caller) {
        if (caller.isAnonymous()) {
            return PUBLIC;
        }
        return new Viewer(Optional.of(caller.accountId()),
                caller.hasRole(Caller.MODERATOR) || caller.hasRole(Caller.REGION_STAFF));
    }

    public boolean canSee(Proposal proposal) {
        return proposal.visibility == Visibility.VISIBLE || staff
                || accountId.map(proposal::isAuthoredBy).orElse(false);
    }
}
