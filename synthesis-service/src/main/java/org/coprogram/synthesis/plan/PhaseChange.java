package org.coprogram.synthesis.plan;

import jakarta.validation.constraints.NotNull;

import org.coprogram.contracts.Phase;

/** The body of {@code POST /api/plans/{planId}/phase}. */
public record PhaseChange(@NotNull(message = "la fase è obbligatoria") Phase phase) {
}
