package org.coprogram.proposal.organization;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A representative of an organisation, for the region's staff and the organisation's representatives. */
public record RepresentativeView(UUID organizationId, String username, OffsetDateTime addedAt) {
}
