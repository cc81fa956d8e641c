package org.coprogram.proposal.export;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The rows proposal-service exports to the person they are about (docs/privacy.md, "Esportazione dei dati"). */
public final class ExportRows {

    private ExportRows() {
    }

    /** A proposal the person wrote, hidden and withdrawn ones included. */
    public record MyProposal(UUID id, UUID planId, String kind, String title, String body, String theme,
            String municipality, String organization, String status, String visibility, int supports,
            String answerText, OffsetDateTime answeredAt, UUID mergedInto, OffsetDateTime withdrawnAt,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** A proposal the person supports (supports are stored under the person's pseudonym). */
    public record MySupport(UUID proposalId, String title, OffsetDateTime supportedAt) {
    }

    /** A flag the person raised, on a proposal or a comment. */
    public record MyFlag(String targetType, UUID targetId, String reason, String details, OffsetDateTime createdAt) {
    }

    /** A comment the person wrote, deleted and hidden ones included. */
    public record MyComment(UUID id, String targetType, UUID targetId, UUID parentId, String body,
            String organization, String visibility, OffsetDateTime createdAt, OffsetDateTime editedAt,
            OffsetDateTime deletedAt) {
    }

    /** The person's claim to speak for an organisation. */
    public record MyOrganisationClaim(UUID organizationId, String name, String region, boolean verified,
            String username, OffsetDateTime addedAt) {
    }

    /** An action the audit trail records the person's account as having done. */
    public record MyAction(UUID id, OffsetDateTime occurredAt, String action, String targetType, String targetId,
            String details) {
    }
}
