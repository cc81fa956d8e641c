package org.coprogram.proposal.proposal;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Events of the proposal aggregate on {@code coprogram.proposals}. */
public final class ProposalEvents {

    public static final String TOPIC = "coprogram.proposals";
    public static final String SUBMITTED = "org.coprogram.proposal.submitted.v1";

    private ProposalEvents() {
    }

    /** Data of {@code proposal.submitted.v1}; {@code author} is the pseudonymous id, never the account. */
    public record Submitted(UUID proposalId, UUID planId, String region, Kind kind, String title, String body,
            String theme, String municipality, String district, String province, StakeholderCategory category,
            String organization, ProposalStatus status, String author, OffsetDateTime createdAt) {
    }
}
