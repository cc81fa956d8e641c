package org.coprogram.proposal.proposal;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A proposal as the public API shows it: no account data. */
public record ProposalView(UUID id, UUID planId, Kind kind, String title, String body, String theme,
        String municipality, String district, String province, StakeholderCategory category, String organization,
        ProposalStatus status, int supports, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static ProposalView of(Proposal p) {
        return new ProposalView(p.id, p.planId, p.kind, p.title, p.body, p.theme, p.municipality, p.district,
                p.province, p.category, p.organization, p.status, p.supports, p.createdAt, p.updatedAt);
    }
}
