package org.coprogram.proposal.organization;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.coprogram.contracts.StakeholderCategory;

/** An organisation as the registry shows it: public data of a body that takes part in the plan. */
public record OrganizationView(UUID id, String region, String name, StakeholderCategory kind, String fiscalCode,
        String runtsNumber, boolean verified, OffsetDateTime verifiedAt) {

    static OrganizationView of(OrganizationRepository.Row row) {
        return new OrganizationView(row.id(), row.region(), row.name(), row.kind(), row.fiscalCode(),
                row.runtsNumber(), row.verified(), row.verifiedAt());
    }
}
