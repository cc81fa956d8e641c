package org.coprogram.synthesis.plan;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/plans/{planId}/territory}: the version the plan moves to, and why (kept in the audit trail). */
public record TerritoryMove(
        @NotNull(message = "la versione è obbligatoria") @Min(value = 1, message = "una versione è un numero da 1") Integer version,
        @Size(max = 500, message = "al massimo 500 caratteri") String note) {
}
