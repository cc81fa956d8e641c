package org.coprogram.proposal.moderation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/proposals/{id}/flags}; {@code details} is required with reason OTHER. */
public record NewFlag(
        @NotNull(message = "il motivo è obbligatorio (SPAM, OFFENSIVE, PERSONAL_DATA, OFF_TOPIC, OTHER)") FlagReason reason,
        @Size(max = 1000, message = "al massimo 1.000 caratteri") String details) {
}
